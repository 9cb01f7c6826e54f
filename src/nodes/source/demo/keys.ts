/**
 * Demo stem "keys": an electric-piano comp of Am – F – C – G in close mid-range voicings
 * (B3…A4, 247–440 Hz fundamentals) with a syncopated rhythm (beat 1, the "and" of 2, beat 4).
 * Each note is two-operator FM in the manner of a tine piano (J. Chowning, "The synthesis of
 * complex audio spectra by means of frequency modulation", JAES 21(7), 1973):
 *   body = sin(2π·f·t + I(t)·sin(2π·f·t)),   I(t) decaying from ~2 to 0.5 (bright → mellow)
 *   tine = sin(2π·f·t + J(t)·sin(2π·14f·t)), J(t) decaying in ~40 ms (metallic attack)
 * with an exponential amplitude decay and a short release. Chord notes are spread across the
 * stereo field and a slow auto-pan (2 Hz, one cycle per beat, so it loops exactly) adds width.
 */
import type { ClipAudio } from '../../types';
import { SeededRandom } from '../../../dsp/noise';
import { beatToFrame, DEMO_BARS, midiToHz, PROGRESSION, SECONDS_PER_BEAT, panGains } from './music';
import { sineCycles } from './oscillators';
import { StemBuffer } from './stemBuffer';

const KEYS_SEED = 0x4e75;
const KEYS_PEAK_DB = -5;
/** Chord hits per bar: [beat, length in beats, velocity]. */
const COMP_RHYTHM: readonly (readonly [number, number, number])[] = [
  [0, 1.5, 0.9],
  [1.5, 1.5, 0.7],
  [3, 1, 0.6],
];
/** Pan of the chord's notes from low to high. */
const VOICE_PANS = [-0.35, 0, 0.35];
/** Auto-pan rate (Hz) and depth (fraction of gain moved between channels). */
const AUTOPAN_HZ = 2;
const AUTOPAN_DEPTH = 0.2;

/** Renders one FM piano note (gate + release) into `out`; returns its length. */
function renderPianoNote(out: Float64Array, sr: number, midi: number, seconds: number, velocity: number): number {
  const release = Math.round(0.12 * sr);
  const gate = Math.round(seconds * sr);
  const length = gate + release;
  const attack = 0.002 * sr;
  const f = midiToHz(midi);
  const increment = f / sr;
  // Lower notes ring longer, as on a real piano.
  const decay = Math.exp(-1 / ((1.6 - (midi - 59) * 0.03) * sr));
  const indexDecay = Math.exp(-1 / (0.35 * sr));
  const tineDecay = Math.exp(-1 / (0.04 * sr));
  let amp = 1;
  let index = 1;
  let tine = 1;
  let phase = 0;
  for (let i = 0; i < length; i++) {
    const env = (i < attack ? i / attack : i < gate ? 1 : (length - i) / release) * amp;
    const modIndex = velocity * (0.5 + 1.5 * index);
    const body = sineCycles(phase + (modIndex / (2 * Math.PI)) * sineCycles(phase));
    // Once the tine's modulation has died away (< −80 dB) it is a plain sine at f.
    const tineVoice = tine > 1e-4 ? sineCycles(phase + ((velocity * 1.2 * tine) / (2 * Math.PI)) * sineCycles(14 * phase)) : sineCycles(phase);
    out[i] = env * (0.8 * body + 0.25 * tineVoice * (0.3 + tine));
    phase += increment;
    if (phase >= 1) phase -= 1;
    amp *= decay;
    index *= indexDecay;
    tine *= tineDecay;
  }
  return length;
}

/** Renders the keys stem at `sampleRate` (deterministic). */
export function renderKeys(sampleRate: number): ClipAudio {
  const random = new SeededRandom(KEYS_SEED);
  const stem = new StemBuffer(sampleRate);
  const scratch = new Float64Array(Math.ceil(2 * sampleRate));
  for (let bar = 0; bar < DEMO_BARS; bar++) {
    const chord = PROGRESSION[bar];
    for (const [beat, beats, velocity] of COMP_RHYTHM) {
      chord.voicing.forEach((midi, v) => {
        // A few ms of strum and ±6 % velocity keep the chords from sounding mechanical.
        const strum = beatToFrame(bar * 4 + beat, sampleRate) + Math.round(v * 0.004 * sampleRate);
        const vel = velocity * (0.94 + 0.12 * random.next());
        const count = renderPianoNote(scratch, sampleRate, midi, beats * SECONDS_PER_BEAT * 0.92, vel);
        const pan = panGains(VOICE_PANS[v] ?? 0);
        stem.addMono(scratch, count, strum, pan.left, pan.right);
      });
    }
  }
  // Auto-pan: gains follow sin(2π·2 Hz·t); 32 whole cycles in 16 s, so the loop point is seamless.
  const n = stem.length;
  const cyclesPerFrame = AUTOPAN_HZ / sampleRate;
  for (let i = 0; i < n; i++) {
    const lfo = AUTOPAN_DEPTH * sineCycles(i * cyclesPerFrame);
    stem.left[i] *= 1 + lfo;
    stem.right[i] *= 1 - lfo;
  }
  stem.normalisePeak(KEYS_PEAK_DB);
  return stem.toClip();
}
