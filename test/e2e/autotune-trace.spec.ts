/**
 * The autotune node in the editor (issue 15): add one from quick-add, open the vocal-tuning
 * preset, play it, and watch the inspector's pitch trace and the canvas readout move with the
 * kernel's meters (running in the kernel-host worklet).
 */
import { expect, test } from '@playwright/test';
import { SHOTS, audioNodes, newGraph, nodeNamed, openEditor, watchConsole } from './helpers';

/** "A3 −40 ¢", "C5 ±0 ¢": the note tuned to and the correction. */
const READOUT = /^[A-G]#?\d [+−±]\d+ ¢$/;

test('autotune: quick-add it, play vocal-tuning, the pitch trace and the readout follow the voice', async ({ page }) => {
  test.setTimeout(90_000);
  const problems = watchConsole(page);
  await openEditor(page, '/?test');

  // Add an autotune from quick-add on an empty graph: it shows its scale lines.
  await newGraph(page);
  const pane = page.locator('.react-flow__pane');
  const box = await pane.boundingBox();
  if (box === null) throw new Error('canvas not laid out');
  await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
  await page.keyboard.press('/');
  await page.getByRole('combobox', { name: 'Search node types' }).fill('autotune');
  await expect(page.getByRole('option').first()).toContainText('Autotune');
  await page.keyboard.press('Enter');
  await expect(audioNodes(page)).toHaveCount(2);
  const added = nodeNamed(page, 'Autotune');
  await expect(added.getByRole('img', { name: 'Scale notes' })).toBeVisible();

  // The preset: untuned, natural and hard paths.
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('menuitem').filter({ hasText: 'vocal-tuning' }).click();
  await page.getByRole('button', { name: 'Discard changes' }).click({ timeout: 2000 }).catch(() => undefined);
  await expect(page.locator('.toolbar__doc-name')).toHaveText('Vocal tuning');
  await expect(audioNodes(page)).toHaveCount(7);

  const natural = nodeNamed(page, 'Natural tuning');
  await natural.locator('.mg-node__name').click();
  const trace = page.locator('canvas.pitch-trace');
  await expect(trace).toBeVisible();

  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() => window.__mixgraphTest?.state().playing === true);

  // The trace takes a point per frame; the readout names a note of A minor and a correction.
  await expect.poll(async () => Number(await trace.getAttribute('data-points')), { timeout: 15_000 }).toBeGreaterThan(60);
  await expect.poll(async () => (await trace.getAttribute('data-readout')) ?? '', { timeout: 15_000 }).toMatch(READOUT);
  const readouts = new Set<string>();
  for (let i = 0; i < 20; i++) {
    readouts.add((await trace.getAttribute('data-readout')) ?? '');
    await page.waitForTimeout(150);
  }
  // The voice moves: several different notes/corrections were shown within three seconds.
  expect([...readouts].filter((r) => READOUT.test(r)).length).toBeGreaterThanOrEqual(3);
  const note = (r: string): string => r.split(' ')[0];
  for (const r of readouts) if (READOUT.test(r)) expect(['A', 'B', 'C', 'D', 'E', 'F', 'G']).toContain(note(r).replace(/\d/, ''));

  // The canvas readout on both tuners.
  await expect.poll(async () => (await natural.locator('.mg-node__pitch').textContent()) ?? '', { timeout: 5000 }).toMatch(READOUT);
  await expect.poll(async () => (await nodeNamed(page, 'Hard tune').locator('.mg-node__pitch').textContent()) ?? '', { timeout: 5000 }).toMatch(READOUT);

  await page.screenshot({ path: `${SHOTS}/autotune-trace.png` });
  await trace.screenshot({ path: `${SHOTS}/autotune-trace-plot.png` });
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  expect(problems).toEqual([]);
});
