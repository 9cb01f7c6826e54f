/**
 * The bounce dialog's translation check (issue 13): after a bounce, `mixgraph check`'s report of
 * the bounced file appears in the dialog (computed in a Worker by the CLI's own function) and its
 * numbers equal the CLI's `check --json` of the downloaded file. The bounce itself stays
 * byte-identical to `mixgraph render` while the monitor plays the master in Mono, on the phone
 * model, through the MP3 codec preview with "Artifacts only".
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOTS, openEditor, watchConsole } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'mixgraph-translation-check-'));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How the dialog prints a dB figure (one decimal, typographic minus). */
const shown = (v: number) => v.toFixed(1).replace('-', '−');

test('bounce with the monitor and codec preview on: CLI bytes; then the check report equals `mixgraph check`', async ({ page }) => {
  test.setTimeout(240_000);
  const problems = watchConsole(page);
  await openEditor(page, '/?test');
  const monitor = page.locator('details.monitor');
  await monitor.locator('summary').click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() => window.__mixgraphTest?.state().playing === true);
  await page.getByRole('group', { name: 'Monitor mode' }).getByRole('button', { name: 'Mono', exact: true }).click();
  await page.getByRole('group', { name: 'Playback system' }).getByRole('button', { name: 'Phone speaker' }).click();
  await page.getByRole('group', { name: 'Codec', exact: true }).getByRole('button', { name: 'MP3' }).click();
  await page.getByRole('checkbox', { name: 'Artifacts only' }).check();
  await page.waitForTimeout(500);

  // Bounce while all of that is heard (and still playing).
  await page.getByRole('button', { name: 'Bounce' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export WAV' });
  await dialog.getByRole('textbox', { name: 'Length (seconds)' }).fill('3');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Render WAV' }).click()]);
  const wavPath = await download.path();
  const ui = readFileSync(wavPath);
  const out = join(dir, 'cli.wav');
  const r = spawnSync(process.execPath, ['bin/mixgraph.mjs', 'render', 'demo-mix', '-o', out, '--seconds', '3'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  const cli = readFileSync(out);
  console.log(`\nbounce with Mono + phone + MP3 artifacts heard: UI ${ui.length} bytes, CLI ${cli.length} bytes, identical: ${ui.equals(cli)}`);
  expect(ui.equals(cli)).toBe(true);

  // The check report arrives while the editor stays usable.
  await expect(dialog.getByRole('status').filter({ hasText: 'Checking translation' })).toBeVisible();
  const report = dialog.getByRole('region', { name: 'Translation check' });
  await expect(report).toBeVisible({ timeout: 60_000 });
  const c = spawnSync(process.execPath, ['bin/mixgraph.mjs', 'check', wavPath, '--json'], { encoding: 'utf8' });
  expect(c.status).toBe(0);
  const json = JSON.parse(c.stdout) as {
    integratedLufs: number; loudnessRangeLu: number; truePeakDbtp: number; plrDb: number;
    mono: { monoMinusStereoLu: number; correlationMean: number };
    targets: { name: string; appliedGainDb: number; truePeakAfterDbtp: number; passesCeiling: boolean }[];
    codecs: { kbps: number; truePeakDbtp: number; overCeiling: boolean }[];
    advice: string | null;
  };
  const value = (label: string) => report.locator('.report__row').filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }) }).getByRole('definition');
  await expect(value('Integrated')).toHaveText(`${shown(json.integratedLufs)} LUFS`);
  await expect(value('Loudness range')).toHaveText(`${shown(json.loudnessRangeLu)} LU`);
  await expect(value('True peak')).toHaveText(`${shown(json.truePeakDbtp)} dBTP`);
  await expect(value('PLR')).toHaveText(`${shown(json.plrDb)} dB`);
  await expect(value('Mono − stereo')).toContainText(Math.abs(json.mono.monoMinusStereoLu).toFixed(1));
  await expect(value('Correlation')).toContainText(`mean ${json.mono.correlationMean >= 0 ? '+' : '−'}${Math.abs(json.mono.correlationMean).toFixed(2)}`);
  const platforms = report.getByRole('table', { name: 'Delivery platforms' });
  for (const t of json.targets) {
    const row = platforms.getByRole('row').filter({ has: page.getByRole('rowheader', { name: t.name, exact: true }) });
    await expect(row).toContainText(`${t.appliedGainDb >= 0 ? '+' : '−'}${Math.abs(t.appliedGainDb).toFixed(1)} dB`);
    await expect(row).toContainText(`${shown(t.truePeakAfterDbtp)} dBTP`);
    await expect(row).toContainText(t.passesCeiling ? 'ok' : 'over');
  }
  const codecs = report.getByRole('table', { name: 'Codec overs' });
  for (const k of json.codecs) {
    const row = codecs.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `MP3 ${k.kbps} kbit/s` }) });
    await expect(row).toContainText(`${shown(k.truePeakDbtp)} dBTP`);
    await expect(row).toContainText(k.overCeiling ? 'over' : 'ok');
  }
  if (json.advice !== null) await expect(report.getByRole('note')).toContainText(json.advice);
  else await expect(report.getByRole('note')).toHaveCount(0);
  console.log(`check: ${json.integratedLufs.toFixed(1)} LUFS, PLR ${json.plrDb.toFixed(1)} dB, MP3 128 ${json.codecs[0].truePeakDbtp.toFixed(1)} dBTP; advice: ${json.advice ?? 'none'}`);
  await dialog.screenshot({ path: `${SHOTS}/translation-check-dialog.png` });
  expect(problems).toEqual([]);
});
