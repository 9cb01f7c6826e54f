/**
 * The monitor section (issue 13): monitor modes and playback systems switch what is heard while
 * playing; an inverted pair goes silent in Mono (recorded at the speakers and measured with the
 * project's BS.1770 meter through `window.__mixgraphTest`), the correlation meter reads −1 and the
 * mono readout says −∞; the bounce is byte-identical to the CLI render whatever the monitor state.
 */
import { type Page, expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOTS, discardIfAsked, importFile, openEditor, watchConsole } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'mixgraph-monitor-'));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (page: Page, seconds: number) => page.evaluate((s) => window.__mixgraphTest!.record(s, 'speakers'), seconds);

test('monitor modes and systems while playing; mono of an inverted pair is silent; bounce unaffected', async ({ page }) => {
  test.setTimeout(90_000);
  const problems = watchConsole(page);
  // An inverted pair: a 220 Hz tone with the right channel = −left (made by ffmpeg).
  const wav = join(dir, 'inv.wav');
  const ff = spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=220:sample_rate=48000:duration=4', '-af', 'pan=stereo|c0=0.5*c0|c1=-0.5*c0', '-c:a', 'pcm_s24le', wav]);
  expect(ff.status).toBe(0);
  const graph = {
    format: 'mixgraph',
    version: 1,
    name: 'Inverted',
    nodes: [
      { id: 'inv', type: 'source', position: { x: 0, y: 0 }, params: { clip: 'file:inv.wav', loop: true, gain: 0 } },
      { id: 'out', type: 'output', position: { x: 240, y: 0 } },
    ],
    edges: [{ id: 'w', from: { node: 'inv', port: 'out' }, to: { node: 'out', port: 'in' } }],
  };
  const graphPath = join(dir, 'inv.json');
  writeFileSync(graphPath, JSON.stringify(graph));

  await openEditor(page, '/?test');
  await importFile(page, graphPath);
  await discardIfAsked(page);
  await expect(page.locator('.react-flow__node-mgAudio')).toHaveCount(2);
  const transfer = await page.evaluateHandle((b) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(b)], 'inv.wav', { type: 'audio/wav' }));
    return data;
  }, [...readFileSync(wav)]);
  await page.dispatchEvent('.react-flow__pane', 'drop', { dataTransfer: transfer, clientX: 700, clientY: 600 });
  await expect(page.locator('.react-flow__node-mgAudio')).toHaveCount(3);

  const monitor = page.locator('details.monitor');
  await monitor.locator('summary').click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() => window.__mixgraphTest?.state().playing === true && window.__mixgraphTest.state().contextState === 'running');
  await page.waitForTimeout(400);

  const modes = page.getByRole('group', { name: 'Monitor mode' });
  const stereo = await record(page, 1);
  await modes.getByRole('button', { name: 'Mono', exact: true }).click();
  await page.waitForTimeout(150);
  const mono = await record(page, 1);
  await modes.getByRole('button', { name: 'Side', exact: true }).click();
  await page.waitForTimeout(150);
  const side = await record(page, 1);
  console.log(`\ninverted pair heard: stereo ${stereo.rmsDb.toFixed(1)} dBFS RMS, mono ${mono.rmsDb.toFixed(1)}, side ${side.rmsDb.toFixed(1)}; longest silence in stereo ${stereo.longestSilenceSeconds} s`);
  // ffmpeg's sine has amplitude 1/8, halved by the pan: 0.0625 peak is 20·log10(0.0625/√2) =
  // −27.1 dBFS RMS. In Mono (L+R)/2 cancels exactly; Side (L−R)/2 is the tone again.
  const toneRms = 20 * Math.log10(0.0625 / Math.SQRT2);
  expect(Math.abs(stereo.rmsDb - toneRms)).toBeLessThan(0.5);
  expect(mono.rmsDb).toBeLessThan(-90);
  expect(Math.abs(side.rmsDb - toneRms)).toBeLessThan(0.5);
  // Switching is click-free and keeps playing: no dropout in what is heard.
  expect(stereo.playingThroughout && side.playingThroughout).toBe(true);

  // The meters see what is probed (before the mode): correlation −1, mono −∞ with a warning.
  await expect(page.getByTestId('correlation')).toHaveText('−1.00');
  await expect(page.getByTestId('mono-readout')).toContainText('−∞');
  await expect(page.getByTestId('mono-readout')).toHaveClass(/is-warning/);

  // Playback systems: the phone (600 Hz high-pass, mono) loses a 220 Hz tone and, being mono,
  // cancels the pair; back to Left, the car keeps it.
  const systems = page.getByRole('group', { name: 'Playback system' });
  await modes.getByRole('button', { name: 'Left', exact: true }).click();
  await systems.getByRole('button', { name: 'Car' }).click();
  await page.waitForTimeout(150);
  const car = await record(page, 1);
  await systems.getByRole('button', { name: 'Phone speaker' }).click();
  await page.waitForTimeout(150);
  const phone = await record(page, 1);
  console.log(`Left + car ${car.rmsDb.toFixed(1)} dBFS RMS, Left + phone ${phone.rmsDb.toFixed(1)}`);
  expect(car.rmsDb).toBeGreaterThan(toneRms - 6);
  expect(phone.rmsDb).toBeLessThan(-60);
  await expect(page.locator('canvas.monitor__curve')).toHaveAttribute('data-system', 'phone');
  await modes.getByRole('button', { name: 'Mono', exact: true }).click();
  await page.waitForTimeout(300);
  await monitor.screenshot({ path: `${SHOTS}/monitor-panel.png` });
  await page.screenshot({ path: `${SHOTS}/monitor-editor.png` });

  // Bounce with the monitor in Mono + phone: byte-identical to the CLI render of the same graph.
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.getByRole('button', { name: 'Bounce' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export WAV' });
  await dialog.getByRole('textbox', { name: 'Length (seconds)' }).fill('2');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Render WAV' }).click()]);
  const ui = readFileSync(await download.path());
  const out = join(dir, 'cli.wav');
  const r = spawnSync(process.execPath, ['bin/mixgraph.mjs', 'render', graphPath, '-o', out, '--input', `inv.wav=${wav}`, '--seconds', '2'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  const cli = readFileSync(out);
  console.log(`bounce with monitor in Mono + phone: UI ${ui.length} bytes, CLI ${cli.length} bytes, identical: ${ui.equals(cli)}`);
  expect(ui.equals(cli)).toBe(true);
  expect(problems).toEqual([]);
});
