/**
 * Codec preview (issue 13): on the demo, the master heard through MP3 at 128 kbit/s and through
 * "Artifacts only" — recorded at the speakers and measured with the project's BS.1770 meter
 * (`window.__mixgraphTest`). The decode keeps the master's level; the artifacts are far quieter
 * (what 128 kbit/s removes or adds). Switching plays on without a dropout. A second test does the
 * same with Opus through WebCodecs (its delay measured by the worker) and checks that the panel
 * says which WebCodecs codecs this Chromium lacks, and why. Both wait for the codec to keep up and
 * fail if more than 5 % of a recording was delivered late (played uncoded).
 */
import { type Page, expect, test } from '@playwright/test';
import { SHOTS, openEditor, watchConsole } from './helpers';

const record = (page: Page, seconds: number) => page.evaluate((s) => window.__mixgraphTest!.record(s, 'speakers'), seconds);

/**
 * Waits until the codec keeps up: less than 2 % of the last half second delivered late. The
 * encoder runs 3× faster than real time on one free core; on a machine loaded far beyond its
 * cores the worker falls behind and the preview plays the dry signal (the panel says so).
 */
async function waitForCodec(page: Page): Promise<void> {
  const deadline = Date.now() + 20_000;
  let last = await page.evaluate(() => window.__mixgraphTest!.codecStats());
  for (;;) {
    await page.waitForTimeout(500);
    const now = await page.evaluate(() => window.__mixgraphTest!.codecStats());
    const late = (now?.lateFrames ?? 0) - (last?.lateFrames ?? 0);
    const played = (now?.playedFrames ?? 0) - (last?.playedFrames ?? 0);
    if (played > 0 && late / (late + played) < 0.02) return;
    if (Date.now() > deadline) throw new Error(`the codec preview did not keep up within 20 s (last half second: ${late} frames late, ${played} played; machine load too high?)`);
    last = now;
  }
}

/**
 * Records at the speakers and says how much of it the codec delivered late (played uncoded). A
 * recording the machine interrupted (5 % or more late: the worker lost its core for a moment) is
 * taken again, up to three times — lateness is the machine's, what is measured is the codec's.
 */
async function recordCoded(page: Page, seconds: number) {
  const stats = () => page.evaluate(() => window.__mixgraphTest!.codecStats());
  let result;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) await waitForCodec(page);
    const before = await stats();
    const levels = await record(page, seconds);
    const after = await stats();
    const late = (after?.lateFrames ?? 0) - (before?.lateFrames ?? 0);
    const played = (after?.playedFrames ?? 0) - (before?.playedFrames ?? 0);
    result = { ...levels, lateShare: late / Math.max(1, late + played) };
    if (result.lateShare < 0.05) break;
  }
  return result!;
}

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
  await waitForCodec(page);
  const mp3 = await recordCoded(page, 2);
  await page.getByRole('checkbox', { name: 'Artifacts only' }).check();
  await page.waitForTimeout(100);
  await waitForCodec(page);
  const artifacts = await recordCoded(page, 2);
  await monitor.screenshot({ path: `${SHOTS}/translation-codec-panel.png` });
  await page.getByRole('combobox', { name: 'Bitrate' }).selectOption('320');
  await waitForCodec(page);
  const artifacts320 = await recordCoded(page, 2);
  await page.getByRole('checkbox', { name: 'Artifacts only' }).uncheck();
  await codec.getByRole('button', { name: 'Off' }).click();
  await page.waitForTimeout(300);
  const back = await record(page, 1);
  const lufs = (r: { integratedLufs: number | null }) => r.integratedLufs ?? -Infinity;
  console.log(
    `heard (BS.1770 integrated over 2 s): dry ${lufs(dry).toFixed(1)} LUFS, MP3 128 ${lufs(mp3).toFixed(1)}, artifacts 128 ${lufs(artifacts).toFixed(1)}, artifacts 320 ${lufs(artifacts320).toFixed(1)}, off again ${lufs(back).toFixed(1)}; longest silence with MP3 ${mp3.longestSilenceSeconds} s; share delivered late: ${[mp3, artifacts, artifacts320].map((r) => r.lateShare.toFixed(3)).join(', ')}`,
  );
  // The codec kept up: what was heard is the codec's, not the dry fallback.
  for (const r of [mp3, artifacts, artifacts320]) expect(r.lateShare).toBeLessThan(0.05);
  // The decode is the master at about its level (a codec does not change loudness much)…
  expect(Math.abs(lufs(mp3) - lufs(dry))).toBeLessThan(1);
  // …what it changes, heard alone, is far below it at 128 kbit/s, and lower still at 320. Offline,
  // the same encoder on 8 s of the demo gives artifacts 12.2 LU below the master at 128 kbit/s and
  // 20.9 LU at 320 (both read by ffmpeg's ebur128, docs/translation.md); 2 s of a loop vary by a few LU.
  expect(lufs(artifacts) - lufs(dry)).toBeLessThan(-9);
  expect(lufs(artifacts) - lufs(dry)).toBeGreaterThan(-18);
  expect(lufs(artifacts320)).toBeLessThan(lufs(artifacts));
  expect(Math.abs(lufs(back) - lufs(dry))).toBeLessThan(1);
  expect(mp3.playingThroughout && artifacts.playingThroughout && artifacts320.playingThroughout).toBe(true);
  // No dropout while the MP3 path plays. One CI run in three heard 10.7 ms (512 frames, four
  // render quanta) of exact zeros here: not the codec (an offline MP3 round trip of the same demo
  // has no run of zeros) and not lateness (0 % late). The playout worklet wrote silence whenever
  // Chromium handed it an empty input; it now treats that as silence going in and plays what is
  // due. The fix is not proven (the gap was intermittent), so the bound stays one 1024-frame
  // block (21.3 ms): a lost block still fails.
  expect(mp3.longestSilenceSeconds).toBeLessThan(0.02);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('codec preview: Opus through WebCodecs lines up (its artifacts are far below the master), AAC says why it is missing', async ({ page }) => {
  test.setTimeout(60_000);
  const problems = watchConsole(page);
  await openEditor(page, '/?test');
  await page.locator('details.monitor summary').click();
  const codec = page.getByRole('group', { name: 'Codec', exact: true });
  await expect(codec.getByRole('button', { name: 'MP3' })).toBeVisible();
  const offered = await codec.getByRole('button').allTextContents();
  // Hidden codecs are named with the reason (Debian's Chromium: no AAC encoder).
  for (const c of ['Opus', 'AAC']) {
    if (!offered.includes(c)) await expect(page.getByTestId(`codec-missing-${c.toLowerCase()}`)).toContainText(`${c} not offered: `);
  }
  // Debian's Chromium encodes Opus through WebCodecs (docs/translation.md); this spec runs there.
  expect(offered).toContain('Opus');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() => window.__mixgraphTest?.state().playing === true && window.__mixgraphTest.state().contextState === 'running');
  await page.waitForTimeout(500);
  const dry = await record(page, 2);
  await codec.getByRole('button', { name: 'Opus' }).click();
  await expect(page.getByRole('combobox', { name: 'Bitrate' })).toHaveValue('128');
  await waitForCodec(page);
  const opus = await recordCoded(page, 2);
  await page.getByRole('checkbox', { name: 'Artifacts only' }).check();
  await page.waitForTimeout(100);
  await waitForCodec(page);
  const artifacts = await recordCoded(page, 2);
  const lufs = (r: { integratedLufs: number | null }) => r.integratedLufs ?? -Infinity;
  console.log(`\nOpus 128 heard: dry ${lufs(dry).toFixed(1)} LUFS, decode ${lufs(opus).toFixed(1)}, artifacts ${lufs(artifacts).toFixed(1)}; late ${opus.lateShare.toFixed(3)}, ${artifacts.lateShare.toFixed(3)}`);
  for (const r of [opus, artifacts]) expect(r.lateShare).toBeLessThan(0.05);
  expect(Math.abs(lufs(opus) - lufs(dry))).toBeLessThan(1);
  // A delay off by one sample would leave the artifacts near the master's level at 10 kHz.
  expect(lufs(artifacts) - lufs(dry)).toBeLessThan(-9);
  expect(problems).toEqual([]);
});
