/**
 * Issue 11 item 5: a node is selected when the mouse button goes down on it, as in design tools,
 * not when it comes up (React Flow selects on click); modifier clicks and a node's own controls
 * keep their behaviour.
 */
import { expect, test } from '@playwright/test';
import { audioNodes, openEditor } from './helpers';

test('pressing on a node selects it before the button is released; the inspector follows', async ({ page }) => {
  await openEditor(page);
  const first = audioNodes(page).nth(1);
  const second = audioNodes(page).nth(2);
  const secondName = (await second.locator('.mg-node__name').textContent())!.trim();
  await first.locator('.mg-node__name').click();
  await expect(first).toHaveClass(/selected/);

  const box = (await second.locator('.mg-node__name').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  // Still pressed: the node is already selected, the previous one is not, the inspector shows it.
  await expect(second).toHaveClass(/selected/);
  await expect(first).not.toHaveClass(/selected/);
  await expect(page.locator('#inspector-heading')).toHaveText(secondName);
  await page.mouse.up();
  await expect(second).toHaveClass(/selected/);

  // Shift+click still adds to the selection (React Flow's multi-select), and a second plain press
  // on a node of a multiple selection keeps the selection (it may start a drag of all of them).
  await first.locator('.mg-node__name').click({ modifiers: ['Shift'] });
  await expect(first).toHaveClass(/selected/);
  await expect(second).toHaveClass(/selected/);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await expect(first).toHaveClass(/selected/);
  await page.mouse.up();
});
