/**
 * Section `chain`: issue 9's chain (3 peaking EQs → compressor → reverb → limiter) on stereo
 * 48 kHz pink noise, whole processes, through mixgraph, sox, ffmpeg and Chromium's
 * OfflineAudioContext. Each of the N runs goes through every tool in turn (paired runs), so a
 * burst of load from other work hits all tools of that run alike; ratios are medians of the
 * per-run ratios.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ffmpegChainArgv, mixgraphChainArgv, soxChainArgv, type FfmpegReverb } from './chainCommands';
import { chromiumCommandNote, renderChainInChromium } from './chromiumChain';
import { writeImpulseResponseWav, writePinkNoiseWav } from './inputs';
import type { BenchOptions } from './options';
import { median, spread } from './stats';
import { notInstalled, type Toolset } from './tools';
import type { CommandNote, Row, SectionResult, Target } from './types';
import { ensureCliBundle } from './mixgraphCli';
import { docCommand, runTimed } from './wholeProcess';

/** Per-run seconds of one contender, or why it has none. */
interface Contender {
  label: string;
  /** Wall seconds of each run (whole process, or the render alone for `chromium … render`). */
  seconds: number[];
  skipped?: string;
  /** Runs one measurement and appends its seconds (Chromium's also fills its whole-process twin). */
  run?: () => Promise<void>;
}

const SECTION = 'chain';

function realtimeRow(name: string, audioSeconds: number, c: Contender, note = ''): Row {
  if (c.skipped || c.seconds.length === 0) return { section: SECTION, name, value: null, unit: '×realtime', skipped: c.skipped ?? 'no runs' };
  const m = median(c.seconds);
  const runs = c.seconds.length > 1 ? `, runs ${spread(c.seconds, 2)} s` : '';
  return { section: SECTION, name, value: audioSeconds / m, unit: '×realtime', detail: `median ${m.toFixed(2)} s${runs}${note}` };
}

function ratioRow(name: string, mixgraph: Contender, other: Contender, target?: Target): Row {
  const skipped = mixgraph.skipped ?? other.skipped;
  const n = Math.min(mixgraph.seconds.length, other.seconds.length);
  if (skipped || n === 0) return { section: SECTION, name, value: null, unit: 'ratio', target, skipped: skipped ?? 'no runs' };
  // mixgraph ×realtime / other ×realtime = other's time / mixgraph's time, per paired run.
  const ratios = Array.from({ length: n }, (_, i) => other.seconds[i] / mixgraph.seconds[i]);
  return { section: SECTION, name, value: median(ratios), unit: 'ratio', target, detail: n > 1 ? `paired runs ${spread(ratios, 2)}` : '' };
}

/** Runs the chain section. `root` is the repository (the CLI runs from there). */
export async function chainSection(root: string, tools: Toolset, options: BenchOptions): Promise<SectionResult> {
  const seconds = options.chainSeconds;
  const dir = mkdtempSync(join(tmpdir(), 'mixgraph-bench-chain-'));
  const pink = join(dir, 'pink.wav');
  const ir = join(dir, 'ir.wav');
  const out = (name: string) => join(dir, `out-${name}.wav`);
  const timePath = tools.time.version ? tools.time.path : null;
  const commands: CommandNote[] = [];
  const note = (label: string, argv: string[]) => commands.push({ section: SECTION, label, command: docCommand(argv, dir) });

  try {
    writePinkNoiseWav(pink, seconds);
    writeImpulseResponseWav(ir);
    ensureCliBundle(root);

    const processContender = (label: string, argv: string[] | null, skipped?: string, env?: Record<string, string>): Contender => {
      const c: Contender = { label, seconds: [], skipped };
      if (argv) {
        if (env) commands.push({ section: SECTION, label, command: `${Object.entries(env).map(([k, v]) => `${k}=${v} `).join('')}${docCommand(argv, dir)}` });
        else note(label, argv);
        c.run = async () => {
          c.seconds.push(runTimed(argv, { cwd: root, timePath, env }).seconds);
        };
      }
      return c;
    };
    const mixgraph = processContender('mixgraph', mixgraphChainArgv(pink, out('mixgraph')));
    // The same render forced onto one thread (no split across a worker; docs/performance.md).
    const mixgraphOneThread = processContender('mixgraph, one thread', mixgraphChainArgv(pink, out('mixgraph-1')), undefined, {
      MIXGRAPH_RENDER_THREADS: '1',
    });
    const sox = tools.sox.version
      ? processContender('sox', soxChainArgv(tools.sox.path, pink, out('sox')))
      : processContender('sox', null, notInstalled(tools.sox));
    const ffmpegFor = (reverb: FfmpegReverb) =>
      tools.ffmpeg.version
        ? processContender(`ffmpeg (${reverb})`, ffmpegChainArgv(tools.ffmpeg.path, pink, ir, out(`ffmpeg-${reverb}`), reverb))
        : processContender(`ffmpeg (${reverb})`, null, notInstalled(tools.ffmpeg));
    const ffmpegAfir = ffmpegFor('afir');
    const ffmpegAecho = ffmpegFor('aecho');

    // Chromium: one launch per run and per variant gives both the render time and the whole process.
    const chromiumFor = (convolver: boolean) => {
      const render: Contender = { label: 'render', seconds: [] };
      const whole: Contender = { label: 'whole', seconds: [] };
      if (!tools.chromium.version) {
        render.skipped = whole.skipped = notInstalled(tools.chromium);
      } else {
        commands.push({ section: SECTION, label: `Chromium ${convolver ? 'with' : 'without'} convolver`, command: chromiumCommandNote(convolver) });
        render.run = async () => {
          const r = await renderChainInChromium({ chromiumPath: tools.chromium.path, pinkPath: pink, irPath: ir, seconds, convolver });
          render.seconds.push(r.renderSeconds);
          whole.seconds.push(r.wholeSeconds);
        };
      }
      return { render, whole };
    };
    const chromiumConv = chromiumFor(true);
    const chromiumDry = chromiumFor(false);

    const contenders = [mixgraph, mixgraphOneThread, sox, ffmpegAfir, ffmpegAecho, chromiumConv.render, chromiumDry.render];
    const failures = new Map<Contender, string>();
    const runAll = async (record: boolean) => {
      for (const c of contenders) {
        if (!c.run || failures.has(c)) continue;
        try {
          await c.run();
        } catch (error) {
          failures.set(c, `failed: ${(error as Error).message.split('\n')[0]}`);
        }
        if (!record) c.seconds.length = 0;
      }
    };
    // One untimed round first (page cache, Chromium's first-launch work), except in --quick.
    if (!options.quick) {
      await runAll(false);
      chromiumConv.whole.seconds.length = 0;
      chromiumDry.whole.seconds.length = 0;
    }
    for (let i = 0; i < options.runs; i++) await runAll(true);
    for (const [c, reason] of failures) c.skipped = reason;
    for (const variant of [chromiumConv, chromiumDry]) variant.whole.skipped ??= variant.render.skipped;

    const rows: Row[] = [
      realtimeRow('mixgraph (whole process)', seconds, mixgraph),
      realtimeRow('mixgraph, one thread (whole process)', seconds, mixgraphOneThread, ', MIXGRAPH_RENDER_THREADS=1'),
      realtimeRow('sox (whole process)', seconds, sox),
      realtimeRow('ffmpeg, afir reverb (whole process)', seconds, ffmpegAfir),
      realtimeRow('ffmpeg, aecho reverb (whole process)', seconds, ffmpegAecho),
      realtimeRow('Chromium with convolver (render only)', seconds, chromiumConv.render),
      realtimeRow('Chromium with convolver (whole process)', seconds, chromiumConv.whole),
      realtimeRow('Chromium without convolver (render only)', seconds, chromiumDry.render),
      realtimeRow('Chromium without convolver (whole process)', seconds, chromiumDry.whole),
      ratioRow('mixgraph / sox', mixgraph, sox, { op: '>=', limit: 1, aim: 2 }),
      ratioRow('mixgraph / mixgraph on one thread', mixgraph, mixgraphOneThread),
      ratioRow('mixgraph / ffmpeg (afir)', mixgraph, ffmpegAfir),
      ratioRow('mixgraph / ffmpeg (aecho)', mixgraph, ffmpegAecho),
      ratioRow('mixgraph / Chromium with convolver (render only)', mixgraph, chromiumConv.render, { op: '>=', limit: 3 }),
      ratioRow('mixgraph / Chromium with convolver (whole process)', mixgraph, chromiumConv.whole),
      ratioRow('mixgraph / Chromium without convolver (render only)', mixgraph, chromiumDry.render),
    ];
    return { rows, commands };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
