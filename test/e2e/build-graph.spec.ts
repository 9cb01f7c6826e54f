import { expect, test } from '@playwright/test';
import { SHOTS, audioNodes, dragBetween, handleOf, newGraph, nodeNamed, openEditor, watchConsole } from './helpers';

test('add nodes by palette drag and by quick-add, wire source → EQ → output, and see a bad wire refused', async ({ page }) => {
  const problems = watchConsole(page);
  await openEditor(page);
  await newGraph(page);
  // Room to work: zoom out so the master sits in the middle of a wide canvas.
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom Out' }).click();
  const master = nodeNamed(page, 'Master');
  const pane = page.locator('.react-flow__pane');
  const masterBox = await master.boundingBox();
  const paneBox = await pane.boundingBox();
  if (masterBox === null || paneBox === null) throw new Error('canvas not laid out');
  const y = masterBox.y + 15;
  const masterCentre = masterBox.x + masterBox.width / 2;

  // 1. Drag "Source" from the palette onto the canvas, near its left edge.
  await page.getByRole('button', { name: 'Add Source' }).dragTo(pane, { targetPosition: { x: 90, y: y - paneBox.y } });
  await expect(audioNodes(page)).toHaveCount(2);
  const source = nodeNamed(page, 'Source');
  await expect(source).toBeVisible();

  // 2. Quick-add an EQ between them: pointer over the canvas, "/", type, Enter.
  await page.mouse.move(masterCentre - 170, y);
  await page.keyboard.press('/');
  const search = page.getByRole('combobox', { name: 'Search node types' });
  await expect(search).toBeFocused();
  await search.fill('eq');
  await expect(page.getByRole('option').first()).toContainText('EQ');
  await page.keyboard.press('Enter');
  await expect(audioNodes(page)).toHaveCount(3);
  const eq = nodeNamed(page, 'EQ');
  await expect(eq).toBeVisible();

  // 3. Wire source → EQ → output by dragging from output handles to input handles.
  const wires = page.locator('.react-flow__edge');
  await dragBetween(page, handleOf(source, 'out', 'out'), handleOf(eq, 'in', 'in'));
  await expect(wires).toHaveCount(1);
  await dragBetween(page, handleOf(eq, 'out', 'out'), handleOf(master, 'in', 'in'));
  await expect(wires).toHaveCount(2);
  await expect(page.locator('.statusbar__summary')).toHaveText('Valid graph');

  // 4. An invalid wire: from the EQ's output into the source, which has no input.
  await dragBetween(page, handleOf(eq, 'out', 'out'), source.locator('.mg-node__name'));
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('"Source" is a source with no input');
  await expect(wires).toHaveCount(2);
  await page.screenshot({ path: `${SHOTS}/02-wire-refused.png` });

  // 5. Output to output is refused too, with its reason.
  await dragBetween(page, handleOf(eq, 'out', 'out'), handleOf(source, 'out', 'out'));
  await expect(notice).toContainText('Output to output');
  await expect(wires).toHaveCount(2);

  // 6. A wire dropped on empty canvas opens quick-add, and the new node comes wired.
  const eqBox = await eq.boundingBox();
  if (eqBox === null) throw new Error('no EQ');
  await dragBetween(page, handleOf(eq, 'out', 'out'), { x: eqBox.x + eqBox.width / 2, y: eqBox.y + 170 });
  await expect(page.getByRole('dialog', { name: 'Add a node' })).toContainText('Wire from EQ');
  await page.keyboard.type('comp');
  await page.keyboard.press('Enter');
  const comp = nodeNamed(page, 'Compressor');
  await expect(comp).toBeVisible();
  await expect(wires).toHaveCount(3);

  // 7. A loop is refused, naming the nodes on it.
  await dragBetween(page, handleOf(comp, 'out', 'out'), handleOf(eq, 'in', 'in'));
  await expect(notice).toContainText('That wire would make a loop: Compressor → EQ → Compressor');
  await expect(wires).toHaveCount(3);

  // 8. Dragging a node is one undo step, however long the drag.
  const compBefore = await comp.boundingBox();
  if (compBefore === null) throw new Error('no compressor');
  await dragBetween(page, comp.locator('.mg-node__name'), { x: compBefore.x + 160, y: compBefore.y + 100 });
  await expect.poll(async () => (await comp.boundingBox())?.x ?? 0).toBeGreaterThan(compBefore.x + 100);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => Math.round((await comp.boundingBox())?.x ?? 0)).toBe(Math.round(compBefore.x));
  await page.keyboard.press('Control+z');
  await expect(comp).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(comp).toBeVisible();

  // 9. Select a wire and press Delete to remove it; undo brings it back.
  await page.locator('.react-flow__edge').first().click({ force: true });
  await page.keyboard.press('Delete');
  await expect(wires).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await expect(wires).toHaveCount(3);
  expect(problems).toEqual([]);
});
