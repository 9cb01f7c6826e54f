/**
 * Issue 11, item 6 (keys): Space plays and pauses, as in every audio application; quick-add
 * moved to "/", Ctrl+Space and a double-click on empty canvas. Space still types in fields and
 * still presses a control that holds keyboard focus.
 */
import { type Page, expect, test } from '@playwright/test';
import { SHOTS, newGraph, nodeNamed, openEditor, watchConsole } from './helpers';

const transport = (page: Page) => page.getByRole('group', { name: 'Transport' });
const search = (page: Page) => page.getByRole('combobox', { name: 'Search node types' });

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
] as const) {
  test(`Space plays and pauses; "/", Ctrl+Space and double-click open quick-add at ${width}×${height}`, async ({ page }) => {
    const problems = watchConsole(page);
    await page.setViewportSize({ width, height });
    await openEditor(page);
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;

    // Space over the canvas: play; Space again: pause. No quick-add.
    await page.mouse.move(pane.x + pane.width / 2, pane.y + 30);
    await page.keyboard.press('Space');
    await expect(transport(page)).toHaveAttribute('data-playing', 'true');
    await expect(search(page)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await page.keyboard.press('Space');
    await expect(transport(page)).toHaveAttribute('data-playing', 'false');

    // After clicking a node (focus left there by the mouse), Space still plays.
    await page.locator('.react-flow__node-mgAudio .mg-node__name').first().click();
    await page.keyboard.press('Space');
    await expect(transport(page)).toHaveAttribute('data-playing', 'true');
    await page.keyboard.press('Space');
    await expect(transport(page)).toHaveAttribute('data-playing', 'false');

    // In a text field Space types a space.
    const label = page.getByRole('complementary', { name: 'Inspector' }).getByRole('textbox', { name: 'Label' });
    await label.click();
    await label.press('End');
    await label.press('Space');
    await expect(label).toHaveValue(/ $/);
    await expect(transport(page)).toHaveAttribute('data-playing', 'false');
    await label.press('Escape');

    // A button reached with Tab keeps its own Space: Loop toggles, playback does not start.
    const loop = transport(page).getByRole('button', { name: /loop/i });
    const looped = await loop.getAttribute('aria-pressed');
    await page.getByRole('button', { name: 'Play', exact: true }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(loop).toBeFocused();
    await page.keyboard.press('Space');
    await expect(loop).not.toHaveAttribute('aria-pressed', looped ?? '');
    await expect(transport(page)).toHaveAttribute('data-playing', 'false');

    // Quick-add: "/" over the canvas.
    await newGraph(page);
    await page.mouse.move(pane.x + pane.width / 3, pane.y + pane.height / 3);
    await page.keyboard.press('/');
    await expect(search(page)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(search(page)).toHaveCount(0);

    // Ctrl+Space, wherever the pointer is.
    await page.mouse.move(5, height - 5);
    await page.keyboard.press('Control+Space');
    await expect(search(page)).toBeFocused();
    await page.keyboard.press('Escape');

    // Double-click on empty canvas: quick-add there, and the node lands where the click was.
    const at = { x: pane.x + pane.width * 0.3, y: pane.y + pane.height * 0.4 };
    await page.mouse.dblclick(at.x, at.y);
    await expect(search(page)).toBeFocused();
    await page.screenshot({ path: `${SHOTS}/ux-keys-quick-add-${width}x${height}.png` });
    await search(page).fill('gain');
    await page.keyboard.press('Enter');
    const gain = nodeNamed(page, 'Gain');
    await expect(gain).toHaveCount(1);
    const box = (await gain.boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - at.x)).toBeLessThan(box.width);
    expect(Math.abs(box.y - at.y)).toBeLessThan(80);

    // Double-click on a node does not open quick-add.
    await gain.locator('.mg-node__name').dblclick();
    await expect(search(page)).toHaveCount(0);
    expect(problems).toEqual([]);
  });
}
