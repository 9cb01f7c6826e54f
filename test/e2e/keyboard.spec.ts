import { expect, test } from '@playwright/test';
import { nodeNamed, openEditor } from './helpers';

test('keyboard only: tab to a node, Enter to inspect, arrows to move, Delete, undo', async ({ page }) => {
  await openEditor(page);
  // Tab from the top of the page until a canvas node has focus.
  await page.locator('body').focus();
  let onNode = false;
  for (let i = 0; i < 60 && !onNode; i++) {
    await page.keyboard.press('Tab');
    onNode = await page.evaluate(() => document.activeElement?.classList.contains('react-flow__node-mgAudio') ?? false);
  }
  expect(onNode).toBe(true);
  const id = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
  const node = page.locator(`.react-flow__node[data-id="${id}"]`);

  // Enter selects it and the inspector shows it; Enter again moves focus into the inspector.
  await page.keyboard.press('Enter');
  const heading = page.locator('#inspector-heading');
  const name = await node.locator('.mg-node__name').innerText();
  await expect(heading).toHaveText(name);
  const before = await node.boundingBox();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await node.boundingBox())?.x ?? 0).toBeGreaterThan((before?.x ?? 0) + 5);
  await page.keyboard.press('Enter');
  await expect(heading).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Label' })).toBeFocused();

  // Back on the node: Delete removes it, Ctrl+Z restores it.
  await node.focus();
  await page.keyboard.press('Delete');
  await expect(nodeNamed(page, name)).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(nodeNamed(page, name)).toHaveCount(1);

  // Quick-add from the keyboard: "/" with focus on the canvas, type, Enter.
  await page.locator('.react-flow').focus();
  await page.keyboard.press('/');
  await page.keyboard.type('reverb');
  await page.keyboard.press('Enter');
  await expect(heading).toHaveText('Reverb');
});
