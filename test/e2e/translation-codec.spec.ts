/**
 * Codec preview (issue 13): on the demo, the master heard through MP3 at 128 kbit/s and through
 * "Artifacts only" — recorded at the speakers and measured with the project's BS.1770 meter
 * (`window.__mixgraphTest`). The decode keeps the master's level; the artifacts are far quieter
 * (what 128 kbit/s removes or adds). Switching plays on without a dropout. The panel says which
 * WebCodecs codecs this Chromium lacks, and why.
 */
import { type Page, expect, test } from '@playwright/test';
import { SHOTS, openEditor, watchConsole } from './helpers';

const record = (page: Page, seconds: number) => page.evaluate((s) => window.__mixgraphTest!.record(s, 'speakers'), seconds);

test('codec preview: MP3 128 keeps the level, artifacts only is far quieter, switching plays on', async ({ page }) => {
  test.setTimeout(90_000);
  const problems = watchConsole(page);
  await openEditor(page, '/?test');
  const monitor = page.locator('details.monitor');
  await monitor.locator('summary').click();
  const codec = page.getByRole('group', { name: 'Codec', exact: true });
  await expect(codec.getByRole('button', { name: 'MP3' })).toBeVisible();
  const offered = await codec.getByRole('button').allTextContents();
  const missing = await page.locator('[data-testid^="codec-missing-"]').allTextContents();
  console.log(`\ncodecs offered: ${offered.join(', ')}; not offered: ${missing.join(' | ') || 'none'}`);

  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() => window.__mixgraphTest?.state().playing === true && window.__mixgraphTest.state().contextState === 'running');
  await page.waitForTimeout(500);
  const dry = await record(page, 2);

  await codec.getByRole('button', { name: 'MP3' }).click();
  await expect(page.getByTestId('codec-latency')).toContainText('Latency 200 ms');
  await page.waitForTimeout(800);
  const mp3 = await record(page, 2);
  await page.getByRole('checkbox', { name: 'Artifacts only' }).check();
  await page.waitForTimeout(300);
  const artifacts = await record(page, 2);
  await monitor.screenshot({ path: `${SHOTS}/translation-codec-panel.png` });
  await page.getByRole('combobox', { name: 'Bitrate' }).selectOption('320');
  await page.waitForTimeout(500);
  const artifacts320 = await record(page, 2);
  await page.getByRole('checkbox', { name: 'Artifacts only' }).uncheck();
  await codec.getByRole('button', { name: 'Off' }).click();
  await page.waitForTimeout(300);
  const back = await record(page, 1);
  const lufs = (r: { integratedLufs: number | null }) => r.integratedLufs ?? -Infinity;
  console.log(
    `heard (BS.1770 integrated over 2 s): dry ${lufs(dry).toFixed(1)} LUFS, MP3 128 ${lufs(mp3).toFixed(1)}, artifacts 128 ${lufs(artifacts).toFixed(1)}, artifacts 320 ${lufs(artifacts320).toFixed(1)}, off again ${lufs(back).toFixed(1)}; longest silence with MP3 ${mp3.longestSilenceSeconds} s`,
  );
  // The decode is the master at about its level (a codec does not change loudness much)…
  expect(Math.abs(lufs(mp3) - lufs(dry))).toBeLessThan(1);
  // …what it changes, heard alone, is far below it at 128 kbit/s, and lower still at 320.
  expect(lufs(artifacts) - lufs(dry)).toBeLessThan(-20);
  expect(lufs(artifacts320)).toBeLessThan(lufs(artifacts));
  expect(Math.abs(lufs(back) - lufs(dry))).toBeLessThan(1);
  expect(mp3.playingThroughout && artifacts.playingThroughout && artifacts320.playingThroughout).toBe(true);
  expect(mp3.longestSilenceSeconds).toBeLessThan(0.01);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(problems).toEqual([]);
});
