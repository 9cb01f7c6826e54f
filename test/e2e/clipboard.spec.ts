import { expect, test } from '@playwright/test';
import { audioNodes, nodeNamed, openEditor, watchConsole } from './helpers';

test('copy and paste nodes, in the same tab and into another tab', async ({ page, context }) => {
  const problems = watchConsole(page);
  await openEditor(page);
  const count = await audioNodes(page).count();
  const pane = page.locator('.react-flow__pane');
  const paneBox = await pane.boundingBox();
  if (paneBox === null) throw new Error('no canvas');

  // Select two wired nodes (shift-click) and copy them: a source and its channel strip (a module
  // instance, so the copy carries the strip's definition).
  await nodeNamed(page, 'Drums').locator('.mg-node__name').click();
  await nodeNamed(page, 'Drums strip').locator('.mg-node__name').click({ modifiers: ['Shift'] });
  await expect(page.getByRole('heading', { name: '2 items selected' })).toBeVisible();
  await page.keyboard.press('Control+c');

  // Paste with the pointer over empty canvas: two new nodes and the wire between them.
  const wires = await page.locator('.react-flow__edge').count();
  await page.mouse.move(paneBox.x + paneBox.width * 0.5, paneBox.y + paneBox.height * 0.85);
  await page.keyboard.press('Control+v');
  await expect(audioNodes(page)).toHaveCount(count + 2);
  await expect(nodeNamed(page, 'Drums strip')).toHaveCount(2);
  await expect(page.locator('.react-flow__edge')).toHaveCount(wires + 1);
  await expect(page.getByRole('heading', { name: '3 items selected' })).toBeVisible(); // 2 nodes + their wire

  // Another tab of the same browser: the clipboard holds JSON text, so paste works there too.
  const other = await context.newPage();
  await other.goto('/');
  await expect(audioNodes(other).first()).toBeVisible();
  const otherCount = await audioNodes(other).count();
  const otherStrips = await nodeNamed(other, 'Drums strip').count();
  const otherPane = await other.locator('.react-flow__pane').boundingBox();
  if (otherPane === null) throw new Error('no canvas in the other tab');
  await other.mouse.move(otherPane.x + 200, otherPane.y + otherPane.height - 60);
  await other.keyboard.press('Control+v');
  await expect(audioNodes(other)).toHaveCount(otherCount + 2);
  await expect(nodeNamed(other, 'Drums strip')).toHaveCount(otherStrips + 1);
  // No error: the strip's definition came with it (the unwired copies only earn warnings).
  await expect(other.locator('.statusbar__summary')).not.toContainText('error');

  // Duplicate (Ctrl+D) is one more copy, and one undo step.
  await page.keyboard.press('Control+d');
  await expect(audioNodes(page)).toHaveCount(count + 4);
  await page.keyboard.press('Control+z');
  await expect(audioNodes(page)).toHaveCount(count + 2);
  expect(problems).toEqual([]);
});
