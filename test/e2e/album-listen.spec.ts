/**
 * Listening in the Album panel, as a person would: add tracks, open the album mastering chain
 * (its `file:track` source plays the chosen track), play one, jump to another at the same position
 * (the transport clock keeps running: within 50 ms), switch level matching on while playing, and
 * hear a transition (the end of one track, the gap, the start of the next). What reaches the
 * speakers is recorded in the page and measured with the project's BS.1770 meter.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAlbumSongs } from '../unit/album/songs';
import { SHOTS, openEditor, watchConsole } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'mixgraph-album-listen-'));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (page: Page, seconds: number) => page.evaluate((s) => window.__mixgraphTest!.record(s, 'speakers'), seconds);
const position = (page: Page) => page.evaluate(() => window.__mixgraphTest!.state().position);
const waitForPosition = (page: Page, atLeast: number) =>
  page.waitForFunction((p) => window.__mixgraphTest!.state().position >= p, atLeast, { timeout: 20_000, polling: 20 });

/**
 * Records `seconds` from transport position `from` that must end before `before`: on a busy
 * machine a recording can start late, so the transport is moved back and it is tried again.
 */
async function recordWithin(page: Page, from: number, seconds: number, before: number) {
  for (let attempt = 0; ; attempt++) {
    await page.evaluate((p) => window.__mixgraphTest!.seek(p), from);
    await waitForPosition(page, from + 0.05);
    const r = await record(page, seconds);
    if ((r.fromPosition >= from && r.toPosition < before) || attempt === 4) return r;
  }
}

test('play a track through the open graph, jump at the same position, match levels, hear a transition', async ({ page }) => {
  test.setTimeout(240_000);
  // 24 s songs 12 LU apart; each is 4 dB quieter in its first half (songs.ts), so levels are
  // compared in the same half.
  const files = writeAlbumSongs(dir, [
    { name: 'a.wav', lufs: -24, tiltDbPerDecade: 0, seconds: 24, seed: 31 },
    { name: 'b.wav', lufs: -12, tiltDbPerDecade: 0, seconds: 24, seed: 32 },
  ]);
  const problems = watchConsole(page);
  await openEditor(page, '/?test');
  await page.getByRole('button', { name: 'Album' }).click();
  const dialog = page.getByRole('dialog', { name: 'Album' });
  await dialog.getByTestId('album-file-input').setInputFiles(files);
  await expect(dialog.getByTestId('album-track').nth(1)).toContainText('-12.0', { timeout: 60_000 });

  // The first-visit graph plays demo stems: the panel offers the album mastering chain.
  await expect(dialog.getByTestId('album-no-track-source')).toBeVisible();
  await dialog.getByRole('button', { name: 'Open the album mastering chain' }).click();
  await expect(dialog.getByTestId('album-no-track-source')).toHaveCount(0);

  await dialog.getByRole('button', { name: 'Play a.wav' }).click();
  await expect(dialog.getByTestId('album-now-playing')).toHaveText('Playing: a.wav');
  await waitForPosition(page, 0.5);
  const a = await record(page, 2);
  expect(a.playingThroughout).toBe(true);

  // Jump to b while a plays: the transport position carries on (UI clock against wall time).
  const jump = await page.evaluate(async () => {
    const hooks = window.__mixgraphTest!;
    const label = document.querySelector('[data-testid="album-now-playing"]')!;
    const p1 = hooks.state().position;
    const t1 = performance.now();
    document.querySelector<HTMLButtonElement>('button[aria-label="Play b.wav"]')!.click();
    await new Promise<void>((resolve) => {
      const check = () => (label.textContent!.includes('b.wav') ? resolve() : setTimeout(check, 2));
      check();
    });
    return { p1, p2: hooks.state().position, elapsed: (performance.now() - t1) / 1000 };
  });
  expect(jump.p1).toBeGreaterThan(2.4);
  expect(Math.abs(jump.p2 - jump.p1 - jump.elapsed)).toBeLessThan(0.05);
  await dialog.screenshot({ path: `${SHOTS}/album-listen-playing.png` });
  const b = await record(page, 2);
  expect(b.playingThroughout).toBe(true);
  expect(b.fromPosition).toBeGreaterThan(jump.p2 - 0.01);
  // b is 12 LU louder at the input; the chain's compressor takes some of it.
  expect(b.integratedLufs! - a.integratedLufs!).toBeGreaterThan(5);

  // Equal loudness while playing: b comes down to a's loudness, the position carries on.
  const before = await position(page);
  await dialog.getByLabel('Level match').selectOption('loudness');
  expect(await position(page)).toBeGreaterThan(before);
  // Back to where `a` was measured (the quieter first half), so a busy machine's delays do not matter.
  await page.evaluate(() => window.__mixgraphTest!.seek(0.5));
  await waitForPosition(page, 0.6);
  const matched = await record(page, 2);
  expect(matched.toPosition).toBeLessThan(12);
  expect(Math.abs(matched.integratedLufs! - a.integratedLufs!)).toBeLessThan(1);

  // The transition a → b, as recorded (level matching off): a's last 5 s, 2 s of gap, b's first 5 s.
  await dialog.getByLabel('Level match').selectOption('off');
  await dialog.getByRole('button', { name: 'Play the transition from a.wav to the next track' }).click();
  await expect(dialog.getByTestId('album-now-playing')).toHaveText('Playing: a.wav → b.wav');
  expect(await position(page)).toBeLessThan(1);
  const tail = await recordWithin(page, 0.3, 2, 5);
  const gap = await recordWithin(page, 5.2, 0.7, 7);
  await dialog.screenshot({ path: `${SHOTS}/album-listen-transition.png` });
  const head = await recordWithin(page, 7.3, 2, 12);
  expect(tail.toPosition).toBeLessThan(5);
  expect(gap.toPosition).toBeLessThan(7);
  expect(gap.rmsDb).toBeLessThan(-60);
  expect(gap.rmsDb).toBeLessThan(tail.rmsDb - 30);
  // a's loud second half against b's quiet first half: still 12 − 4 − 4 = 4 LU apart before the chain.
  expect(head.integratedLufs! - tail.integratedLufs!).toBeGreaterThan(2);

  await dialog.getByRole('button', { name: '■ Stop' }).click();
  await expect(dialog.getByTestId('album-now-playing')).toContainText('Stopped');
  expect(problems).toEqual([]);
});
