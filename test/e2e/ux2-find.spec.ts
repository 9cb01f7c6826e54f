import { type Page, expect, test } from '@playwright/test';
import { SHOTS, nodeNamed, openEditor, watchConsole } from './helpers';
import { SIZES } from './ux2-helpers';

/** Whether a node's box is inside the canvas's visible area. */
async function inView(page: Page, label: string): Promise<boolean> {
  const canvas = (await page.locator('.react-flow').boundingBox())!;
  const box = await nodeNamed(page, label).boundingBox();
  if (box === null) return false;
  return box.x >= canvas.x && box.y >= canvas.y && box.x + box.width <= canvas.x + canvas.width && box.y + box.height <= canvas.y + canvas.height;
}

for (const size of SIZES) {
  test(`Ctrl+F finds nodes by label or type and pans to them (${size.width}×${size.height})`, async ({ page }) => {
    await page.setViewportSize(size);
    const problems = watchConsole(page);
    await openEditor(page);
    // Zoom in on the top-left so most of the graph is off screen.
    const pane = page.locator('.react-flow__pane');
    await pane.click({ position: { x: 30, y: 30 } });
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
    expect(await inView(page, 'Limiter')).toBe(false);

    await page.keyboard.press('Control+f');
    const field = page.getByRole('searchbox', { name: 'Find nodes by label or type' });
    await expect(field).toBeFocused();
    await field.fill('limiter');
    await expect(page.getByRole('search', { name: 'Find nodes' }).getByRole('status')).toHaveText('1 of 1');
    await expect.poll(() => inView(page, 'Limiter')).toBe(true);
    await expect(nodeNamed(page, 'Limiter')).toHaveClass(/selected/);
    await page.screenshot({ path: `${SHOTS}/ux2-find-${size.width}.png` });

    // "compressor" finds the compressor inside each of the five channel strips (named by their
    // path, label matches first) and the two top-level ones found by type; Enter walks them,
    // Shift+Enter steps back.
    await field.fill('compressor');
    const status = page.getByRole('search', { name: 'Find nodes' }).getByRole('status');
    await expect(status).toHaveText('1 of 7');
    const options = page.getByRole('listbox', { name: 'Matches' }).getByRole('option');
    await expect(options).toHaveCount(7);
    for (const track of ['Drums', 'Bass', 'Keys', 'Lead', 'Vocals']) await expect(options.filter({ hasText: `${track} strip › Compressor` })).toHaveCount(1);
    await expect(options.filter({ hasText: /^(Drum crush|Glue comp)$/ })).toHaveCount(2);
    const crumbs = page.getByRole('navigation', { name: 'Open module' });
    await field.press('Enter');
    await expect(status).toHaveText('2 of 7');
    await expect(crumbs).toBeVisible(); // the second match is inside a strip: that strip is open
    await field.press('Shift+Enter');
    await field.press('Shift+Enter');
    await expect(status).toHaveText('7 of 7');
    await expect(crumbs).toBeHidden(); // back on the document for a top-level compressor
    const selected = page.locator('.react-flow__node-mgAudio.selected .mg-node__name');
    const name = (await selected.textContent())!;
    await expect.poll(() => inView(page, name)).toBe(true);

    // Choosing "Vocals strip › Compressor" opens the vocals strip with its compressor selected.
    await options.filter({ hasText: 'Vocals strip › Compressor' }).click();
    await expect(crumbs).toContainText('Channel strip (Vocals strip)');
    await expect(nodeNamed(page, 'Compressor')).toHaveClass(/selected/);
    await expect.poll(() => inView(page, 'Compressor')).toBe(true);
    await expect(field).toBeFocused();
    await page.screenshot({ path: `${SHOTS}/ux2-find-module-${size.width}.png` });

    await field.fill('no such thing');
    await expect(status).toHaveText('No match');
    await field.press('Escape');
    await expect(field).toBeHidden();
    expect(problems).toEqual([]);
  });
}
