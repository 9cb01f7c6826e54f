/**
 * The editor as an instrument (issue 6, UI half): Play sounds like the CLI's render, edits apply
 * while playing, meters move without re-rendering the flow, the probe switches what is heard,
 * A/B is level-matched, dropped audio files play. The page runs with `?test`, which installs
 * `window.__mixgraphTest` (record what is heard through an AudioWorklet tap and measure it with
 * the project's BS.1770 meter; render counts).
 */
import { sineWav } from './ux2-helpers';
import { type Page, expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOTS, nodeNamed, openEditor, openFlatDemo, watchConsole } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'mixgraph-live-ui-'));
/** Nodes on the demo's canvas (27: five sources, five channel strips, buses, sends, master chain). */
const DEMO_NODES = (JSON.parse(readFileSync('presets/demo-mix.json', 'utf8')) as { nodes: unknown[] }).nodes.length;
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `mixgraph render <graph> --json` with extra options; returns the report. */
function cliRender(graph: string, args: string[]): { integratedLufs: number | null } {
  const r = spawnSync(process.execPath, ['bin/mixgraph.mjs', 'render', graph, '-o', join(dir, 'cli.wav'), '--json', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mixgraph render failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { integratedLufs: number | null };
}

/** A graph file with one demo source (`params`) straight into the output. */
function soloGraph(params: Record<string, unknown>): string {
  const path = join(dir, `solo-${Math.random().toString(36).slice(2)}.json`);
  const graph = {
    format: 'mixgraph',
    version: 1,
    name: 'solo',
    nodes: [
      { id: 's', type: 'source', position: { x: 0, y: 0 }, params },
      { id: 'out', type: 'output', position: { x: 200, y: 0 } },
    ],
    edges: [{ id: 'w', from: { node: 's', port: 'out' }, to: { node: 'out', port: 'in' } }],
  };
  writeFileSync(path, JSON.stringify(graph));
  return path;
}

async function startPlaying(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() => window.__mixgraphTest?.state().playing === true && window.__mixgraphTest.state().contextState === 'running');
}

const record = (page: Page, seconds: number, point: 'speakers' | 'master' = 'speakers') =>
  page.evaluate(([s, p]) => window.__mixgraphTest!.record(s as number, p as 'speakers' | 'master'), [seconds, point] as const);

test('Play: the live master matches the CLI render, meters move without React renders, edits apply while playing', async ({ page }) => {
  test.setTimeout(90_000);
  const problems = watchConsole(page);
  await openEditor(page, '/?test');
  await expect(page.getByTestId('hearing')).toContainText('Master');
  await startPlaying(page);

  // Meters move, straight on their canvases: collect levels now and 1.5 s later.
  const levels = () => page.locator('.mg-meter').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.peakDb)));
  await page.waitForTimeout(500);
  const rendersBefore = await page.evaluate(() => window.__mixgraphTest!.renders());
  const first = await levels();
  await page.waitForTimeout(2000);
  const second = await levels();
  const rendersAfter = await page.evaluate(() => window.__mixgraphTest!.renders());
  const moving = first.filter((v, i) => v > -60 && v !== second[i]).length;
  const sounding = second.filter((v) => v > -60).length;
  console.log(`\nmeters: ${second.length} node meters, ${sounding} sounding, ${moving} changed in 2 s`);
  console.log(`renders during 2 s of playback: AudioNodeView ${rendersAfter.AudioNodeView - rendersBefore.AudioNodeView} (of ${rendersAfter.AudioNodeView} since load), Canvas ${rendersAfter.Canvas - rendersBefore.Canvas}`);
  // A meter on every node (a strip's shows its last inner node); at most six are quiet (as in the
  // flat demo, whose 31 nodes had 25 sounding: the strips stand for ten sounding nodes).
  expect(second.length).toBeGreaterThanOrEqual(DEMO_NODES);
  expect(sounding).toBeGreaterThanOrEqual(DEMO_NODES - 6);
  expect(moving).toBeGreaterThanOrEqual(10);
  expect(rendersAfter.AudioNodeView - rendersBefore.AudioNodeView).toBe(0);
  expect(rendersAfter.Canvas - rendersBefore.Canvas).toBe(0);
  // Gain reduction shows on a compressor's canvas meter and the master panel has loudness.
  await expect.poll(() => nodeNamed(page, 'Drum crush').locator('.mg-meter').getAttribute('data-gr-db'), { timeout: 3000 }).not.toBe('0');
  await expect.poll(() => page.locator('.loudness').getAttribute('data-integrated')).toMatch(/^-\d/);

  // Ten seconds of what the speakers play, against the CLI's render of the same graph.
  await page.evaluate(() => window.__mixgraphTest!.seek(0));
  const live = await record(page, 10);
  const cli = cliRender('demo-mix', ['--seconds', '10']);
  console.log(`demo-mix 10 s: live ${live.integratedLufs?.toFixed(2)} LUFS (from ${live.fromPosition.toFixed(2)} s), CLI ${cli.integratedLufs?.toFixed(2)} LUFS, difference ${(live.integratedLufs! - cli.integratedLufs!).toFixed(2)} LU`);
  expect(live.playingThroughout).toBe(true);
  expect(Math.abs(live.integratedLufs! - cli.integratedLufs!)).toBeLessThanOrEqual(1);

  // The panel's integrated reading comes from the same meter, in the master's worklet.
  const panel = await page.evaluate(() => window.__mixgraphTest!.masterReading()?.integratedLufs ?? null);
  console.log(`master panel (worklet meter): integrated ${panel?.toFixed(2)} LUFS`);
  expect(panel).not.toBeNull();
  expect(Math.abs(panel! - cli.integratedLufs!)).toBeLessThanOrEqual(1.5);

  // An edit while playing: the master's gain to −12 dB. Playback goes on, the level follows.
  await page.evaluate(() => window.__mixgraphTest!.seek(2));
  const before = await record(page, 3);
  await nodeNamed(page, 'Master').locator('.mg-node__name').click();
  const field = page.getByRole('complementary', { name: 'Inspector' }).getByRole('textbox', { name: /gain value$/i });
  await field.fill('-12');
  await field.press('Enter');
  await page.evaluate(() => window.__mixgraphTest!.seek(2));
  const after = await record(page, 3);
  console.log(`edit while playing: ${before.integratedLufs?.toFixed(2)} → ${after.integratedLufs?.toFixed(2)} LUFS (gain −12 dB), longest silence ${(Math.max(before.longestSilenceSeconds, after.longestSilenceSeconds) * 1000).toFixed(1)} ms`);
  expect(before.playingThroughout && after.playingThroughout).toBe(true);
  expect(after.integratedLufs! - before.integratedLufs!).toBeCloseTo(-12, 0);
  expect(Math.max(before.longestSilenceSeconds, after.longestSilenceSeconds)).toBeLessThan(0.01);
  await page.screenshot({ path: `${SHOTS}/live-playing.png` });
  expect(problems).toEqual([]);
});

test('playing asks for a main frame only when the meters draw (30 a second), not on every display frame', async ({ page }) => {
  // Every frame request costs a whole main frame (style, paint, layerize, commit) even when the
  // callback draws nothing; asking at the display's 60 Hz to draw at 30 doubled that work.
  await page.addInitScript(() => {
    const counts = { requested: 0, ran: 0 };
    (window as unknown as { __frames: typeof counts }).__frames = counts;
    const request = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => {
      counts.requested++;
      return request((time) => {
        counts.ran++;
        callback(time);
      });
    };
  });
  await openEditor(page, '/?test');
  await startPlaying(page);
  await page.waitForTimeout(1000);
  const frames = () => page.evaluate(() => ({ ...(window as unknown as { __frames: { requested: number; ran: number } }).__frames, at: performance.now() }));
  const start = await frames();
  const levelsBefore = await page.locator('.mg-meter').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.peakDb));
  await page.waitForTimeout(3000);
  const end = await frames();
  const levelsAfter = await page.locator('.mg-meter').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.peakDb));
  const seconds = (end.at - start.at) / 1000;
  const perSecond = (end.ran - start.ran) / seconds;
  console.log(`\nplaying: ${perSecond.toFixed(1)} frame callbacks a second (${((end.requested - start.requested) / seconds).toFixed(1)} requested)`);
  expect(perSecond).toBeLessThanOrEqual(36);
  // Still drawing: at least half the meter rate, and the meters still move.
  expect(perSecond).toBeGreaterThanOrEqual(15);
  expect(levelsAfter.filter((v, i) => v !== levelsBefore[i]).length).toBeGreaterThanOrEqual(5);
});

test('dragging a node while playing renders neither the transport bar, the palettes nor the inspector\'s unchanged params', async ({ page }) => {
  await openEditor(page, '/?test');
  await startPlaying(page);
  const name = nodeNamed(page, 'Bass strip').locator('.mg-node__name');
  await name.click();
  await expect(page.getByRole('complementary', { name: 'Inspector' }).getByRole('heading', { name: 'Bass strip' })).toBeVisible();
  await page.waitForTimeout(300);
  const before = await page.evaluate(() => window.__mixgraphTest!.renders());
  const box = (await name.boundingBox())!;
  await page.mouse.move(box.x + 5, box.y + 5);
  await page.mouse.down();
  for (let step = 1; step <= 8; step++) await page.mouse.move(box.x + 5 + step * 6, box.y + 5);
  await page.mouse.up();
  await page.waitForTimeout(300);
  const after = await page.evaluate(() => window.__mixgraphTest!.renders());
  const moved = (await name.boundingBox())!.x - box.x;
  const count = (what: string) => (after[what] ?? 0) - (before[what] ?? 0);
  console.log(`\ndrag of ${moved.toFixed(0)} px while playing: TransportBar ${count('TransportBar')}, ParamControl ${count('ParamControl')}, Palette ${count('Palette')}, ModulePalette ${count('ModulePalette')} renders`);
  expect(moved).toBeGreaterThan(30);
  // Once, when the drag's first move makes the "Move" undo step (the undo button's label changes).
  expect(count('TransportBar')).toBeLessThanOrEqual(1);
  expect(count('ParamControl')).toBe(0);
  expect(count('Palette')).toBe(0);
  expect(count('ModulePalette')).toBe(0);
});

test('probe: a clicked node or wire is heard alone, at its own level; A/B is loudness-matched', async ({ page }) => {
  test.setTimeout(60_000);
  const problems = watchConsole(page);
  await openEditor(page, '/?test');
  // The default demo, built from channel-strip modules: A/B reads a node's input from what feeds it
  // in the flattened mix (a send fed by a strip: the strip's last inner node), and inside an opened
  // strip it compares that instance's node (`vocals/comp`).
  await startPlaying(page);

  // Probe the Bass source with its button: the speakers play the bass alone.
  await nodeNamed(page, 'Bass').getByRole('button', { name: 'Probe Bass' }).click();
  await expect(page.getByTestId('hearing')).toHaveText(/Probe: Bass/);
  await expect(nodeNamed(page, 'Bass').locator('.mg-node')).toHaveClass(/is-probed/);
  await page.waitForTimeout(100);
  const probed = await record(page, 4);
  const master = await record(page, 2, 'master');
  // The same four seconds of the bass alone, rendered by the CLI (bass: gain −2 dB in demo-mix).
  const offset = probed.fromPosition % 16;
  const alone = cliRender(soloGraph({ clip: 'demo:bass', gain: -2, offset }), ['--seconds', '4']);
  console.log(`\nprobe Bass: heard ${probed.integratedLufs?.toFixed(2)} LUFS, bass alone (CLI, from ${offset.toFixed(2)} s) ${alone.integratedLufs?.toFixed(2)} LUFS; master meanwhile ${master.integratedLufs?.toFixed(2)} LUFS`);
  expect(Math.abs(probed.integratedLufs! - alone.integratedLufs!)).toBeLessThanOrEqual(0.5);
  expect(Math.abs(master.integratedLufs! - probed.integratedLufs!)).toBeGreaterThan(1);

  // Alt+click on a wire probes what it carries; the master panel offers the way back.
  await page.getByTestId('hearing').getByText('Probe: Bass').waitFor();
  await page.getByTestId('rf__edge-w-keys-verb-send-verb-bus').dispatchEvent('click', { altKey: true, bubbles: true });
  await expect(page.getByTestId('hearing')).toHaveText(/Probe: Keys → reverb/);
  await page.getByRole('button', { name: 'Back to master', exact: true }).click();
  await expect(page.getByTestId('hearing')).toHaveText(/Master/);

  // A/B in the mix on a −16 dB send: B bypasses the send (the engine's audition, not the document)
  // and turns its bypass path down by the measured 16 dB, so the mix is as loud in B as in A.
  // Without the match, B would carry the keys +16 dB louder into the reverb.
  const audition = (id: string) => page.evaluate((nodeId) => window.__mixgraphTest!.audition(nodeId), id);
  await nodeNamed(page, 'Keys → reverb').locator('.mg-node__name').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.locator('.listen__readout')).toHaveAttribute('data-match-db', /^-1[56]\./, { timeout: 8000 });
  const sendId = await nodeNamed(page, 'Keys → reverb').getAttribute('data-id');
  await inspector.getByRole('button', { name: 'B · bypassed' }).click();
  await expect(page.getByTestId('hearing')).toHaveText(/A\/B Keys → reverb: B/);
  // The match is held while B plays; let the readout (written every 250 ms) catch up.
  await page.waitForTimeout(400);
  const matchDb = Number(await inspector.locator('.listen__readout').getAttribute('data-match-db'));
  const sendB = await audition(sendId!);
  await page.evaluate(() => window.__mixgraphTest!.seek(4));
  const b = await record(page, 3, 'master');
  await inspector.getByRole('button', { name: 'A · processed' }).click();
  const sendA = await audition(sendId!);
  await page.evaluate(() => window.__mixgraphTest!.seek(4));
  const a = await record(page, 3, 'master');
  console.log(`A/B Keys → reverb (gain −16 dB), in the mix: match ${matchDb.toFixed(2)} dB, B bypass gain ${sendB?.gain.toFixed(4)}; master A ${a.integratedLufs?.toFixed(2)} LUFS, B ${b.integratedLufs?.toFixed(2)} LUFS`);
  expect(matchDb).toBeCloseTo(-16, 0);
  // B really bypassed the node, at 10^(match/20); A is the node as the document has it.
  expect(sendB?.bypass).toBe(true);
  expect(sendB?.gain).toBeCloseTo(10 ** (matchDb / 20), 3);
  expect(sendA).toEqual({ bypass: false, gain: 1 });
  expect(a.playingThroughout && b.playingThroughout).toBe(true);
  expect(Math.abs(a.integratedLufs! - b.integratedLufs!)).toBeLessThanOrEqual(0.5);

  // A/B on a compressor inside the opened vocals strip, in the mix: its gain change varies with the
  // music, so the match is the last 3 s before B; over the same passage the mix stays within about
  // a loudness unit. The engine's node is the opened instance's: `vocals/comp`.
  await nodeNamed(page, 'Vocals strip').locator('.mg-node__name').click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('navigation', { name: 'Open module' })).toContainText('Vocals strip');
  await nodeNamed(page, 'Compressor').locator('.mg-node__name').click();
  await expect(inspector.locator('.listen__readout')).toHaveAttribute('data-match-db', /\d/, { timeout: 8000 });
  await page.waitForTimeout(3000);
  const compId = 'vocals/comp';
  await inspector.getByRole('button', { name: 'B · bypassed' }).click();
  await expect(page.getByTestId('hearing')).toHaveText(/A\/B Vocals strip › Compressor: B/);
  await page.waitForTimeout(400);
  const compMatch = Number(await inspector.locator('.listen__readout').getAttribute('data-match-db'));
  const compB = await audition(compId!);
  // Switching nodes ended the send's audition.
  expect(await audition(sendId!)).toEqual({ bypass: false, gain: 1 });
  await page.evaluate(() => window.__mixgraphTest!.seek(6));
  const cb = await record(page, 3, 'master');
  await inspector.getByRole('button', { name: 'A · processed' }).click();
  await page.evaluate(() => window.__mixgraphTest!.seek(6));
  const ca = await record(page, 3, 'master');
  console.log(`A/B Vocals strip › Compressor, in the mix: match ${compMatch.toFixed(2)} dB, B bypass gain ${compB?.gain.toFixed(4)}; master A ${ca.integratedLufs?.toFixed(2)} LUFS, B ${cb.integratedLufs?.toFixed(2)} LUFS`);
  expect(compB?.bypass).toBe(true);
  expect(compB?.gain).toBeCloseTo(10 ** (compMatch / 20), 3);
  // The compressor changes the vocal's level by more than a dB, so B unmatched would be audibly off.
  expect(Math.abs(compMatch)).toBeGreaterThan(1);
  expect(Math.abs(ca.integratedLufs! - cb.integratedLufs!)).toBeLessThanOrEqual(1.5);
  await page.screenshot({ path: `${SHOTS}/live-ab.png` });
  await inspector.getByRole('button', { name: 'A/B off' }).click();
  await expect(page.getByTestId('hearing')).toHaveText(/Master/);
  expect(await audition(compId!)).toEqual({ bypass: false, gain: 1 });
  expect(problems).toEqual([]);
});

test('dropped audio files become sources (WAV by our decoder, FLAC by the browser); undecodable files are explained', async ({ page }) => {
  test.setTimeout(60_000);
  const problems = watchConsole(page);
  await openEditor(page, '/?test');
  const wav = sineWav(6, { peak: 0.25, frequency: 1000 });
  const flacPath = join(dir, 'tone.flac');
  const ff = spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=1000:sample_rate=48000:duration=6', '-af', 'volume=0.5', flacPath]);
  expect(ff.status).toBe(0);
  const flac = spawnSync('cat', [flacPath]).stdout;

  const drop = async (files: { name: string; type: string; bytes: number[] }[]) => {
    const transfer = await page.evaluateHandle((list) => {
      const data = new DataTransfer();
      for (const f of list) data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
      return data;
    }, files);
    const at = { clientX: 760, clientY: 640 };
    await page.dispatchEvent('.react-flow__pane', 'dragover', { dataTransfer: transfer, ...at });
    await page.dispatchEvent('.react-flow__pane', 'drop', { dataTransfer: transfer, ...at });
  };
  await drop([
    { name: 'sine 1k.wav', type: 'audio/wav', bytes: [...wav] },
    { name: 'tone.flac', type: 'audio/flac', bytes: [...flac] },
  ]);
  await expect(nodeNamed(page, 'sine 1k')).toHaveCount(1);
  await expect(nodeNamed(page, 'tone')).toHaveCount(1);
  await expect(nodeNamed(page, 'sine 1k')).toContainText('file:sine_1k.wav');

  await expect(page.getByTestId('notice')).toContainText('Added sine 1k, tone: wire them');

  // Both files are heard at their level: probe each (unwired, they play on the transport too).
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() => window.__mixgraphTest?.state().playing === true);
  // Probe a node, wait until the speakers really carry it, then listen from 1 s into the file.
  const probe = async (label: string) => {
    await nodeNamed(page, label).getByRole('button', { name: `Probe ${label}` }).click();
    await expect(page.getByTestId('hearing')).toContainText(label);
    await page.evaluate(() => window.__mixgraphTest!.seek(1));
    await page.waitForFunction(() => {
      const p = window.__mixgraphTest!.state().position;
      return p >= 1 && p < 1.5;
    });
    return record(page, 2);
  };
  const sine = await probe('sine 1k');
  const tone = await probe('tone');
  // A stereo 1 kHz sine of peak A reads 20·log10(A) LUFS (BS.1770: −3.01 LUFS per full-scale
  // channel): 0.25 → −12.04; ffmpeg's sine is 1/8 full scale, halved → −24.08.
  console.log(`\ndropped WAV: ${sine.integratedLufs?.toFixed(2)} LUFS (expected −12.04); dropped FLAC: ${tone.integratedLufs?.toFixed(2)} LUFS (expected −24.08)`);
  expect(sine.integratedLufs!).toBeCloseTo(-12.04, 0);
  expect(tone.integratedLufs!).toBeCloseTo(-24.08, 0);

  // A file the browser cannot decode: a clear message, nothing added.
  const count = await page.locator('.react-flow__node-mgAudio').count();
  await drop([{ name: 'broken.ogg', type: 'audio/ogg', bytes: [79, 103, 103, 83, 1, 2, 3, 4, 5, 6, 7, 8, 9] }]);
  await expect(page.getByRole('alert')).toContainText('broken.ogg: this browser cannot decode this audio format (OGG)');
  await expect(page.locator('.react-flow__node-mgAudio')).toHaveCount(count);
  expect(problems).toEqual([]);
});

test.describe('documentation screenshots', () => {
  test.use({ viewport: { width: 1600, height: 960 }, deviceScaleFactor: 1 });

  test('the playing editor: node meters, compressor dot and gain reduction, master loudness and spectrum', async ({ page }) => {
    const problems = watchConsole(page);
    await openEditor(page, '/?test');
    // The flat demo: its compressors are nodes of their own, so the inspector shows Lead comp's
    // own transfer curve under the live dot.
    await openFlatDemo(page);
    // Frame the channel strips and sends, as the editor's own screenshot does.
    await nodeNamed(page, 'Keys').locator('.mg-node__name').click();
    await nodeNamed(page, 'Delay send').locator('.mg-node__name').click({ modifiers: ['Shift'] });
    await page.locator('.react-flow').focus();
    await page.keyboard.press('f');
    await page.waitForTimeout(400);
    await startPlaying(page);
    await nodeNamed(page, 'Lead comp').locator('.mg-node__name').click();
    await page.mouse.move(5, 5);
    await page.waitForTimeout(4000);
    await expect(page.locator('.plot__dot')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/docs-live-editor.png` });
    await page.getByRole('complementary', { name: 'Inspector' }).screenshot({ path: `${SHOTS}/docs-live-inspector.png` });
    await page.locator('.master').screenshot({ path: `${SHOTS}/docs-live-master.png` });
    expect(problems).toEqual([]);
  });
});
