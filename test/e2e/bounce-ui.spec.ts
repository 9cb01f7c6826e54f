/**
 * Export WAV through the editor: the file it downloads is byte-identical to `mixgraph render` of
 * the same graph with the same options; the report shows the loudness; Cancel stops a long render
 * and leaves no download; the editor stays responsive while the worker renders.
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOTS, discardIfAsked, importFile, nodeNamed, openEditor, watchConsole } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'mixgraph-bounce-ui-'));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('Export WAV downloads the CLI render byte for byte, with a loudness report', async ({ page }) => {
  test.setTimeout(60_000);
  const problems = watchConsole(page);
  await openEditor(page);
  await page.getByRole('button', { name: 'Bounce' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export WAV' });
  await dialog.getByRole('textbox', { name: 'Length (seconds)' }).fill('3');
  await dialog.getByRole('combobox', { name: 'Sample rate' }).selectOption('44100');
  await dialog.getByRole('combobox', { name: 'Bit depth' }).selectOption('16');
  await dialog.getByRole('combobox', { name: 'Loudness target' }).selectOption('-16');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Render WAV' }).click()]);
  expect(download.suggestedFilename()).toBe('demo-mix.wav');
  const ui = readFileSync(await download.path());

  const out = join(dir, 'cli.wav');
  const r = spawnSync(process.execPath, ['bin/mixgraph.mjs', 'render', 'demo-mix', '-o', out, '--seconds', '3', '--rate', '44100', '--bits', '16', '--normalize', '-16', '--json'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  const cli = readFileSync(out);
  const report = JSON.parse(r.stdout) as { integratedLufs: number; truePeakDbtp: number };
  console.log(`\nbounce 3 s, 44.1 kHz, 16-bit, −16 LUFS: UI ${ui.length} bytes, CLI ${cli.length} bytes, identical: ${ui.equals(cli)}; CLI integrated ${report.integratedLufs.toFixed(2)} LUFS`);
  expect(ui.equals(cli)).toBe(true);

  const table = dialog.getByRole('definition').filter({ hasText: 'LUFS' }).first();
  await expect(table).toHaveText(`${report.integratedLufs.toFixed(1).replace('-', '−')} LUFS`);
  // The bounce's own report (the translation check, once it finishes, has rows of the same names).
  const loudness = dialog.getByLabel('Loudness report');
  await expect(loudness.getByText('Loudness range')).toBeVisible();
  await expect(loudness.getByText('True peak')).toBeVisible();
  await expect(loudness.getByText('Sample peak')).toBeVisible();
  await dialog.screenshot({ path: `${SHOTS}/bounce-report.png` });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a long bounce runs in the background while the editor is used; Cancel leaves no download', async ({ page }) => {
  test.setTimeout(60_000);
  const problems = watchConsole(page);
  let downloads = 0;
  page.on('download', () => (downloads += 1));
  await openEditor(page);
  await page.getByRole('button', { name: 'Bounce' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export WAV' });
  await dialog.getByRole('textbox', { name: 'Length (seconds)' }).fill('900');
  await dialog.getByRole('combobox', { name: 'Sample rate' }).selectOption('96000');
  await dialog.getByRole('button', { name: 'Render WAV' }).click();
  const bar = dialog.getByRole('progressbar', { name: 'Render progress' });
  await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 15_000 }).toBeGreaterThan(0);

  // While the worker renders, the page keeps drawing frames (the main thread is free).
  const frames = await page.evaluate(
    () =>
      new Promise<{ count: number; longestGapMs: number }>((resolve) => {
        let count = 0;
        let last = performance.now();
        let longest = 0;
        const end = last + 1000;
        const step = (t: number) => {
          count += 1;
          longest = Math.max(longest, t - last);
          last = t;
          if (t < end) requestAnimationFrame(step);
          else resolve({ count, longestGapMs: longest });
        };
        requestAnimationFrame(step);
      }),
  );
  const progress = Number(await bar.getAttribute('value'));
  console.log(`\nduring the bounce (at ${(progress * 100).toFixed(1)} %): ${frames.count} animation frames in 1 s, longest gap ${frames.longestGapMs.toFixed(0)} ms`);
  expect(frames.count).toBeGreaterThan(20);
  expect(frames.longestGapMs).toBeLessThan(250);
  await page.screenshot({ path: `${SHOTS}/bounce-progress.png` });

  // Continue in the background: the editor is usable, the toolbar shows the progress.
  await dialog.getByRole('button', { name: 'Continue in background' }).click();
  await expect(dialog).toHaveCount(0);
  await nodeNamed(page, 'Bass strip').locator('.mg-node__name').click();
  await expect(page.locator('#inspector-heading')).toHaveText('Bass strip');
  await expect(page.getByRole('button', { name: /^Bounce \d+ %$/ })).toBeVisible();

  // Back in the dialog, Cancel.
  await page.getByRole('button', { name: /^Bounce/ }).click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Cancelled: nothing was saved.');
  await page.waitForTimeout(1000);
  expect(downloads).toBe(0);
  expect(problems).toEqual([]);
});

test('a dropped WAV is bounced exactly as `mixgraph render --input` binds it (resampled to 44.1 kHz)', async ({ page }) => {
  test.setTimeout(60_000);
  const problems = watchConsole(page);
  const wav = join(dir, 'take.wav');
  const ff = spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=2', '-ac', '2', '-c:a', 'pcm_s24le', wav]);
  expect(ff.status).toBe(0);
  const graph = {
    format: 'mixgraph',
    version: 1,
    name: 'Take',
    nodes: [
      { id: 'take', type: 'source', position: { x: 0, y: 0 }, params: { clip: 'file:take.wav', loop: false, gain: -3 } },
      { id: 'out', type: 'output', position: { x: 240, y: 0 } },
    ],
    edges: [{ id: 'w', from: { node: 'take', port: 'out' }, to: { node: 'out', port: 'in' } }],
  };
  const graphPath = join(dir, 'take.json');
  writeFileSync(graphPath, JSON.stringify(graph));

  await openEditor(page);
  await importFile(page, graphPath);
  await discardIfAsked(page);
  await expect(nodeNamed(page, 'take')).toHaveCount(0);
  await expect(page.locator('.react-flow__node-mgAudio')).toHaveCount(2);
  // Drop the file: it is kept for the session, bound as file:take.wav (and gets a node of its own).
  const bytes = [...readFileSync(wav)];
  const transfer = await page.evaluateHandle((b) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(b)], 'take.wav', { type: 'audio/wav' }));
    return data;
  }, bytes);
  await page.dispatchEvent('.react-flow__pane', 'drop', { dataTransfer: transfer, clientX: 700, clientY: 600 });
  await expect(page.locator('.react-flow__node-mgAudio')).toHaveCount(3);

  await page.getByRole('button', { name: 'Bounce' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export WAV' });
  await dialog.getByRole('combobox', { name: 'Sample rate' }).selectOption('44100');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Render WAV' }).click()]);
  const ui = readFileSync(await download.path());
  const out = join(dir, 'take-cli.wav');
  const r = spawnSync(process.execPath, ['bin/mixgraph.mjs', 'render', graphPath, '-o', out, '--input', `take.wav=${wav}`, '--rate', '44100'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  const cli = readFileSync(out);
  console.log(`\ndropped 48 kHz WAV bounced at 44.1 kHz: UI ${ui.length} bytes, CLI ${cli.length} bytes, identical: ${ui.equals(cli)}`);
  expect(ui.equals(cli)).toBe(true);
  expect(problems).toEqual([]);
});
