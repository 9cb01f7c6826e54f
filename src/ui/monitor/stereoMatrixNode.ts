/**
 * A 2×2 stereo matrix in Web Audio: splitter → four gains → merger. Gains move with
 * `setTargetAtTime` (10 ms time constant), so switching a monitor mode never clicks.
 */
import type { StereoMatrix } from '../../monitor/monitorModes';
import { stereoGain } from '../../runtime/live/stereo';

/** Time constant of gain changes, s: ~50 ms to settle, well below a click's ~1 ms step. */
export const MONITOR_RAMP_SECONDS = 0.01;

/** [L'; R'] = M · [L; R] as Web Audio nodes; `input` takes stereo (a mono input is up-mixed). */
export class StereoMatrixNode {
  readonly input: GainNode;
  private readonly splitter: ChannelSplitterNode;
  readonly output: ChannelMergerNode;
  private readonly gains: { ll: GainNode; lr: GainNode; rl: GainNode; rr: GainNode };

  constructor(private readonly context: BaseAudioContext, matrix: StereoMatrix) {
    // A splitter's channel settings are fixed by the spec (2 channels, explicit, discrete): a mono
    // input arrives as one channel there, so a stereo gain in front up-mixes it first.
    this.input = stereoGain(context, 1);
    this.splitter = context.createChannelSplitter(2);
    this.input.connect(this.splitter);
    this.output = context.createChannelMerger(2);
    const gain = (g: number) => {
      const node = context.createGain();
      node.channelCount = 1;
      node.channelCountMode = 'explicit';
      node.gain.value = g;
      return node;
    };
    this.gains = { ll: gain(matrix.ll), lr: gain(matrix.lr), rl: gain(matrix.rl), rr: gain(matrix.rr) };
    // L (splitter output 0) → L' via ll, → R' via rl; R (output 1) → L' via lr, → R' via rr.
    this.splitter.connect(this.gains.ll, 0);
    this.splitter.connect(this.gains.rl, 0);
    this.splitter.connect(this.gains.lr, 1);
    this.splitter.connect(this.gains.rr, 1);
    this.gains.ll.connect(this.output, 0, 0);
    this.gains.lr.connect(this.output, 0, 0);
    this.gains.rl.connect(this.output, 0, 1);
    this.gains.rr.connect(this.output, 0, 1);
  }

  /** Glides to `matrix` (click-free). */
  set(matrix: StereoMatrix): void {
    const t = this.context.currentTime;
    for (const key of ['ll', 'lr', 'rl', 'rr'] as const) {
      const param = this.gains[key].gain;
      param.cancelScheduledValues(t);
      param.setTargetAtTime(matrix[key], t, MONITOR_RAMP_SECONDS);
    }
  }
}
