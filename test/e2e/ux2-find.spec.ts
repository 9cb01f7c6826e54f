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

    // By type: "gain" finds every gain node (the demo's sends and crush blend); Enter walks them,
    // Shift+Enter steps back. (Its compressors are mostly inside the channel-strip module, which
    // the find bar does not search.)
    await field.fill('gain');
    const status = page.getByRole('search', { name: 'Find nodes' }).getByRole('status');
    await expect(status).toHaveText(/^1 of [5-9]$/);
    const total = Number((await status.textContent())!.split(' of ')[1]);
    await field.press('Enter');
    await expect(status).toHaveText(`2 of ${total}`);
    await field.press('Shift+Enter');
    await field.press('Shift+Enter');
    await expect(status).toHaveText(`${total} of ${total}`);
    const selected = page.locator('.react-flow__node-mgAudio.selected .mg-node__name');
    const name = (await selected.textContent())!;
    await expect.poll(() => inView(page, name)).toBe(true);

    await field.fill('no such thing');
    await expect(status).toHaveText('No match');
    await field.press('Escape');
    await expect(field).toBeHidden();
    expect(problems).toEqual([]);
  });
}
