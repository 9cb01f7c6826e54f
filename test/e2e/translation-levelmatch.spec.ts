/**
 * Level-matched playback systems (issue 13): with "Level-match" on, switching between the models
 * while band-limited pink noise plays keeps the heard level within ±1 dB of the flat reference — the match is
 * computed for pink noise (docs/translation.md) — and without it the small speakers are clearly
 * quieter. Recorded at the speakers, measured through `window.__mixgraphTest`.
 */
import { type Page, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOTS, discardIfAsked, importFile, openEditor, watchConsole } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'mixgraph-levelmatch-'));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (page: Page, seconds: number) => page.evaluate((s) => window.__mixgraphTest!.record(s, 'speakers'), seconds);

test('level-matched system switching keeps pink noise within ±1 dB of flat', async ({ page }) => {
  test.setTimeout(90_000);
  const problems = watchConsole(page);
  const graph = {
    format: 'mixgraph',
    version: 1,
    name: 'Pink',
    nodes: [
      { id: 'pink', type: 'tone', position: { x: 0, y: 0 }, params: { wave: 'pink', level: -24 } },
      // The match is defined over the third-octave bands 25 Hz–16 kHz: pink noise in that band
      // (the tone's pink goes on below 20 Hz, where every model's high-pass removes it).
      { id: 'band', type: 'eq', position: { x: 240, y: 0 }, params: { hpOn: true, hpFreq: 22, hpSlope: 24, lpOn: true, lpFreq: 18000, lpSlope: 24 } },
      { id: 'out', type: 'output', position: { x: 480, y: 0 } },
    ],
    edges: [
      { id: 'w1', from: { node: 'pink', port: 'out' }, to: { node: 'band', port: 'in' } },
      { id: 'w2', from: { node: 'band', port: 'out' }, to: { node: 'out', port: 'in' } },
    ],
  };
  const path = join(dir, 'pink.json');
  writeFileSync(path, JSON.stringify(graph));
  await openEditor(page, '/?test');
  await importFile(page, path);
  await discardIfAsked(page);
  await expect(page.locator('.react-flow__node-mgAudio')).toHaveCount(3);
  await page.locator('details.monitor summary').click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() => window.__mixgraphTest?.state().playing === true && window.__mixgraphTest.state().contextState === 'running');
  await page.waitForTimeout(400);

  const systems = page.getByRole('group', { name: 'Playback system' });
  const names = ['Flat', 'Phone speaker', 'Laptop', 'Earbuds', 'Bluetooth speaker', 'Car'];
  const levels: Record<string, { raw: number; matched: number }> = {};
  const matchBox = page.getByRole('checkbox', { name: /Level-match/ });
  for (const name of names) {
    await systems.getByRole('button', { name, exact: true }).click();
    await matchBox.uncheck();
    await page.waitForTimeout(150);
    const raw = (await record(page, 1.5)).rmsDb;
    await matchBox.check();
    await page.waitForTimeout(150);
    const matched = await record(page, 1.5);
    expect(matched.playingThroughout).toBe(true);
    levels[name] = { raw, matched: matched.rmsDb };
  }
  const flat = levels.Flat.matched;
  console.log(`\npink noise heard, dB RMS relative to flat (level-match off → on): ${names.map((n) => `${n} ${(levels[n].raw - flat).toFixed(1)} → ${(levels[n].matched - flat).toFixed(1)}`).join(', ')}`);
  for (const name of names) expect(Math.abs(levels[name].matched - flat), name).toBeLessThan(1);
  // Without the match, the phone's 600 Hz high-pass is 2 dB down unmatched: the match is doing the work.
  expect(levels['Phone speaker'].raw - flat).toBeLessThan(-1.5);
  await page.locator('details.monitor').screenshot({ path: `${SHOTS}/translation-levelmatch-panel.png` });
  expect(problems).toEqual([]);
});
