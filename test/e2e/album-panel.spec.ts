/**
 * The Album panel: add three tracks by picking files, reorder them, see their measurements and
 * spectra, set every option away from its default (album mode, target, ceiling, matching to a
 * reference file at 50 %, max correction, 16-bit, 44.1 kHz), master them in Web Workers, unzip the
 * download and compare every file with the output folder of `mixgraph album` run on the same files
 * with the same flags: byte for byte.
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { writeAlbumSongs } from '../unit/album/songs';
import { SHOTS, openEditor, watchConsole } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'mixgraph-album-ui-'));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('Master album in the editor with non-default options downloads the same files as mixgraph album', async ({ page }) => {
  test.setTimeout(180_000);
  const [a, b, c, ref] = writeAlbumSongs(dir, [
    { name: 'a.wav', lufs: -20, tiltDbPerDecade: -3, seconds: 4, seed: 21 },
    { name: 'b.wav', lufs: -12, tiltDbPerDecade: 0, seconds: 4, seed: 22 },
    { name: 'c.wav', lufs: -16, tiltDbPerDecade: 3, seconds: 4, seed: 23 },
    { name: 'ref.wav', lufs: -14, tiltDbPerDecade: 2, seconds: 4, seed: 24 },
  ]);
  const problems = watchConsole(page);
  await openEditor(page);
  await page.getByRole('button', { name: 'Album' }).click();
  const dialog = page.getByRole('dialog', { name: 'Album' });
  // Picked in the wrong order (c first), then moved down twice: a, b, c.
  await dialog.getByTestId('album-file-input').setInputFiles([c, a, b]);
  const rows = dialog.getByTestId('album-track');
  await expect(rows).toHaveCount(3);
  await dialog.getByRole('button', { name: 'Move c.wav down' }).click();
  await dialog.getByRole('button', { name: 'Move c.wav down' }).click();
  await expect(rows.nth(0)).toContainText('a.wav');
  await expect(rows.nth(2)).toContainText('c.wav');
  // Measured loudness appears once the workers have analysed the tracks (about −20, −12, −16).
  await expect(rows.nth(1)).toContainText('-12.0', { timeout: 60_000 });
  await expect(dialog.getByRole('img', { name: /Spectra of the tracks/ })).toBeVisible();

  // Every option of the CLI, away from its default.
  await dialog.getByLabel('Target', { exact: true }).fill('-16');
  await dialog.getByLabel('Ceiling', { exact: true }).fill('-2');
  await dialog.getByLabel('Mode', { exact: true }).selectOption('album');
  await dialog.getByLabel('Match', { exact: true }).selectOption('reference');
  await dialog.getByTestId('album-reference-input').setInputFiles(ref);
  await expect(dialog.getByTestId('album-reference')).toContainText(/ref\.wav \(-14\.\d LUFS\)/, { timeout: 30_000 });
  await dialog.getByLabel('Amount', { exact: true }).fill('50');
  await dialog.getByLabel('Max correction', { exact: true }).fill('4');
  await dialog.getByLabel('Bits', { exact: true }).selectOption('16');
  await dialog.getByLabel('Rate', { exact: true }).selectOption('44100');
  await expect(dialog.getByRole('img', { name: 'Spectra of the tracks against the album average and the reference' })).toBeVisible();
  await expect(dialog.getByTestId('album-reference-spectrum')).toHaveCount(1);
  await dialog.screenshot({ path: `${SHOTS}/album-panel.png` });

  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 150_000 }),
    dialog.getByRole('button', { name: 'Master album' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('album.zip');
  const zipped = unzipSync(new Uint8Array(readFileSync(await download.path())));
  await expect(dialog.getByTestId('album-status')).toContainText('Mastered 3 track(s)');

  const out = join(dir, 'cli');
  const flags = ['--mode', 'album', '--target', '-16', '--ceiling', '-2', '--match', 'ref.wav', '--amount', '50', '--max-correction', '4', '--bits', '16', '--rate', '44100'];
  const r = spawnSync(process.execPath, [resolve('bin/mixgraph.mjs'), 'album', 'a.wav', 'b.wav', 'c.wav', '-o', 'cli', '--jobs', '2', ...flags], { cwd: dir, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const cliFiles = readdirSync(out).sort();
  expect(Object.keys(zipped).sort()).toEqual(cliFiles);
  for (const name of cliFiles) {
    const same = Buffer.from(zipped[name]).equals(readFileSync(join(out, name)));
    expect(same, `${name} differs between the editor and the CLI`).toBe(true);
  }
  expect(problems).toEqual([]);
});
