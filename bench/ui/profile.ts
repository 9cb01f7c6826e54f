/**
 * `npx tsx bench/ui/profile.ts`: where the main thread's time goes when a node is selected, as a
 * CPU profile taken over CDP (`Profiler`) on an unminified build, summarised as self time per
 * function. Used to find the causes listed in docs/performance-ui.md; not part of `bench:ui`.
 *
 * Options: `--size=5000` (a large graph from a share link; 0 = the demo mix), `--play` (demo mix
 * playing), `--action=select|drag|open|edits|idle`, `--top=30`, `--no-build`, `--save=file.cpuprofile`,
 * `--trace` (a timeline summary of the main thread instead of the CPU profile; `--cpu` for both)
 * with `--save-trace=file.json` (the whole trace, for DevTools).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { preview } from 'vite';
import { chromium } from 'playwright-core';
import { shareUrl } from '../../src/graph/shareLink';
import { largeGraph } from './largeGraph';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = 'dist/app-profile';
const argv = process.argv.slice(2);
const option = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const size = Number(option('size') ?? 5000);
const action = option('action') ?? 'select';
const top = Number(option('top') ?? 30);
const PORT = Number(process.env.BENCH_UI_PORT ?? 4419);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

function summarise(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }): void {
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const total = profile.timeDeltas.reduce((a, b) => a + b, 0) / 1000;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  console.log(`profiled ${total.toFixed(0)} ms; self time per function:`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${key}`);
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** Total duration per trace event name on the page's main thread (style, layout, paint, script). */
function summariseTrace(trace: { traceEvents: TraceEvent[] }): void {
  const events = trace.traceEvents;
  // The renderer's main thread by name: the audio thread can be busier while a graph plays.
  const named = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const perThread = new Map<number, number>();
  for (const e of events) if (e.name === 'RunTask' && e.dur !== undefined) perThread.set(e.tid, (perThread.get(e.tid) ?? 0) + e.dur);
  const main = named?.tid ?? [...perThread].sort((a, b) => b[1] - a[1])[0]?.[0];
  const onMain = events.filter((e) => e.tid === main && e.ph === 'X' && e.dur !== undefined);
  const times = onMain.map((e) => e.ts);
  const seconds = (Math.max(...times) - Math.min(...times)) / 1e6;
  const total = new Map<string, number>();
  for (const e of onMain) total.set(e.name, (total.get(e.name) ?? 0) + e.dur! / 1000);
  const frames = onMain.filter((e) => e.name === 'FireAnimationFrame').length;
  console.log(`trace, main thread, ${seconds.toFixed(1)} s, ${(frames / seconds).toFixed(1)} animation frames a second; ms per event (per second):`);
  for (const [name, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${ms.toFixed(1).padStart(8)} ms  (${(ms / seconds).toFixed(1).padStart(6)})  ${name}`);
}

async function main(): Promise<void> {
  if (!argv.includes('--no-build')) {
    const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--minify', 'false', '--outDir', outDir], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('vite build failed');
  }
  const server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: PORT, strictPort: true } });
  const base = `http://127.0.0.1:${PORT}/`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--disable-gpu'] });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.setDefaultTimeout(300_000);
    const cdp = await page.context().newCDPSession(page);
    // A trace alone (`--trace`) runs without the sampling profiler, which slows the page.
    const profiling = !argv.includes('--trace') || argv.includes('--cpu');
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    const url = size > 0 ? shareUrl(base, largeGraph(size)) : base;
    if (action === 'open' && profiling) await cdp.send('Profiler.start');
    await page.goto(url, { timeout: 300_000 });
    await page.locator('.react-flow__node-mgAudio').first().waitFor({ timeout: 300_000 });
    await page.waitForTimeout(2000);
    if (argv.includes('--play')) {
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await page.waitForTimeout(3000);
    }
    const names = page.locator('.react-flow__node-mgAudio .mg-node__name');
    const tracing = argv.includes('--trace');
    if (tracing) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    if (action !== 'open' && profiling) await cdp.send('Profiler.start');
    if (action === 'select') {
      for (let i = 1; i <= 5; i++) {
        await names.nth(i * 2).click();
        await page.waitForTimeout(300);
      }
    } else if (action === 'edits') {
      // What bench:ui's "10 s playing with edits" does: select, drag and back, bypass on and off.
      for (let i = 1; i <= 3; i++) {
        const name = names.nth(i * 3);
        await name.click();
        const box = (await name.boundingBox())!;
        await page.mouse.move(box.x + 5, box.y + 5);
        await page.mouse.down();
        for (let s = 1; s <= 6; s++) await page.mouse.move(box.x + 5 + s * 5, box.y + 5);
        await page.mouse.up();
        const bypass = page.locator('.react-flow__node-mgAudio').nth(i * 3).locator('.mg-node__bypass');
        if ((await bypass.count()) > 0) {
          await bypass.click();
          await bypass.click();
        }
        await page.waitForTimeout(300);
      }
    } else if (action === 'idle') {
      // Playback alone (with --play): what the meters and the audio cost the main thread.
      await page.waitForTimeout(3000);
    } else if (action === 'drag') {
      const box = (await names.nth(3).boundingBox())!;
      await page.mouse.move(box.x + 5, box.y + 5);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 5 + i * 10, box.y + 5);
      await page.mouse.up();
      await page.waitForTimeout(500);
    }
    const profile = profiling ? (await cdp.send('Profiler.stop')).profile : null;
    if (tracing) {
      const trace = (await browser.stopTracing()).toString();
      const saveTrace = option('save-trace');
      if (saveTrace !== undefined) writeFileSync(saveTrace, trace);
      summariseTrace(JSON.parse(trace));
    }
    const save = option('save');
    if (save !== undefined && profile !== null) writeFileSync(save, JSON.stringify(profile));
    if (profile !== null) summarise(profile as never);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
