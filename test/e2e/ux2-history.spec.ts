import { expect, test } from '@playwright/test';
import { SHOTS, audioNodes, nodeNamed, openEditor, watchConsole } from './helpers';

/** Renames the selected node through the inspector. */
async function rename(page: import('@playwright/test').Page, name: string): Promise<void> {
  const label = page.getByRole('complementary', { name: 'Inspector' }).getByRole('textbox', { name: 'Label' });
  await label.fill(name);
  await label.press('Enter');
}

for (const size of [{ width: 1280, height: 720 }, { width: 1440, height: 900 }]) {
  test(`undo works after a reload (${size.width}×${size.height})`, async ({ page }) => {
    await page.setViewportSize(size);
    const problems = watchConsole(page);
    await openEditor(page);
    const count = await audioNodes(page).count();
    await page.getByRole('button', { name: 'Add Limiter' }).click();
    await expect(audioNodes(page)).toHaveCount(count + 1);
    await rename(page, 'Safety limiter');
    await expect(nodeNamed(page, 'Safety limiter')).toBeVisible();
    await page.reload();
    await expect(nodeNamed(page, 'Safety limiter')).toBeVisible();

    // Both steps made before the reload undo, in order, and redo again.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await expect(nodeNamed(page, 'Limiter')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/ux2-history-undone-${size.width}.png` });
    await page.keyboard.press('Control+z');
    await expect(audioNodes(page)).toHaveCount(count);
    await page.keyboard.press('Control+Shift+z');
    await page.keyboard.press('Control+Shift+z');
    await expect(nodeNamed(page, 'Safety limiter')).toBeVisible();
    expect(problems).toEqual([]);
  });
}

test('a stored history that does not match the restored document is dropped, never applied', async ({ page }) => {
  await openEditor(page);
  const count = await audioNodes(page).count();
  await page.getByRole('button', { name: 'Add Limiter' }).click();
  await expect(audioNodes(page)).toHaveCount(count + 1);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('mixgraph.history.v1')?.includes('Add Limiter') ?? false)).toBe(true);
  // Another tab (or a hand edit) changes the autosaved document behind the history's back.
  await page.evaluate(() => {
    const key = 'mixgraph.autosave.v1';
    const record = JSON.parse(localStorage.getItem(key) ?? '{}') as { text: string };
    const doc = JSON.parse(record.text) as { nodes: { label?: string }[] };
    doc.nodes[0].label = 'Changed elsewhere';
    record.text = `${JSON.stringify(doc, null, 2)}\n`;
    localStorage.setItem(key, JSON.stringify(record));
  });
  await page.goto('/?reload');
  await expect(nodeNamed(page, 'Changed elsewhere')).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expect(audioNodes(page)).toHaveCount(count + 1);
  await expect(nodeNamed(page, 'Changed elsewhere')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Undo/ })).toBeDisabled();
});
