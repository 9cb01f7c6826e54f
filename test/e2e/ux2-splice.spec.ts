import { type Page, expect, test } from '@playwright/test';
import { SHOTS, exportJson, newGraph, nodeNamed, openEditor, watchConsole } from './helpers';

type Doc = { nodes: { id: string; label?: string }[]; edges: { id: string; from: { node: string }; to: { node: string } }[] };

/** "Source>EQ" style list of the document's wires, by node label. */
async function wires(page: Page): Promise<string[]> {
  const doc = JSON.parse((await exportJson(page)).text) as Doc;
  const name = (id: string) => doc.nodes.find((n) => n.id === id)?.label ?? id;
  return doc.edges.map((e) => `${name(e.from.node)}>${name(e.to.node)}`).sort();
}

/** The on-screen middle of the wire between two labelled nodes. */
async function wireMiddle(page: Page, from: string, to: string): Promise<{ x: number; y: number }> {
  const doc = JSON.parse((await exportJson(page)).text) as Doc;
  const id = (label: string) => doc.nodes.find((n) => n.label === label)!.id;
  const edge = doc.edges.find((e) => e.from.node === id(from) && e.to.node === id(to))!;
  return page.evaluate((edgeId) => {
    const path = document.querySelector<SVGPathElement>(`.react-flow__edge[data-id="${edgeId}"] path.react-flow__edge-path`)!;
    const point = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM()!;
    return { x: point.x * m.a + point.y * m.c + m.e, y: point.x * m.b + point.y * m.d + m.f };
  }, edge.id);
}

/** Drags a canvas node by its title so that the pointer is released at `to`. */
async function dragNodeTo(page: Page, label: string, to: { x: number; y: number }, shot?: string): Promise<void> {
  const box = (await nodeNamed(page, label).locator('.mg-node__name').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 40, box.y + 40, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  if (shot !== undefined) {
    // While dragging, the wire that would take the node is highlighted.
    await expect(page.locator('.react-flow__edge.is-splice-target')).toHaveCount(1);
    await page.screenshot({ path: shot });
  }
  await page.mouse.up();
  await expect(page.locator('.react-flow__edge.is-splice-target')).toHaveCount(0);
}

test('dropping a node on a wire splices it in (palette and canvas), one undo step; loops and misfits are refused', async ({ page }) => {
  const problems = watchConsole(page);
  await openEditor(page);
  await newGraph(page);
  // Source → EQ → Gain by click-to-add (each chains after the selected one), then Gain → Master.
  for (const name of ['Source', 'EQ', 'Gain']) await page.getByRole('button', { name: `Add ${name}`, exact: true }).click();
  // Gain is selected: wire it to the master from the inspector.
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const targets = inspector.getByRole('combobox', { name: "Wire this node's output to" });
  // The list of targets is built when the picker is first used, as a person's click does.
  await targets.focus();
  await targets.selectOption({ label: (await targets.locator('option', { hasText: 'Master' }).first().textContent()) ?? '' });
  await inspector.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Add Reverb', exact: true }).click();
  await page.keyboard.press('Escape');
  await page.locator('.react-flow__pane').hover({ position: { x: 30, y: 30 } });
  await page.keyboard.press('f');
  await page.waitForTimeout(400);
  expect(await wires(page)).toEqual(['EQ>Gain', 'Gain>Master', 'Source>EQ']);
  const start = (await exportJson(page)).text;

  // 1. From the palette onto EQ → Gain.
  const middle = await wireMiddle(page, 'EQ', 'Gain');
  const pane = page.locator('.react-flow__pane');
  const paneBox = (await pane.boundingBox())!;
  await page.getByRole('button', { name: 'Add Delay', exact: true }).dragTo(pane, { targetPosition: { x: middle.x - paneBox.x, y: middle.y - paneBox.y } });
  await expect(nodeNamed(page, 'Delay')).toBeVisible();
  expect(await wires(page)).toEqual(['Delay>Gain', 'EQ>Delay', 'Gain>Master', 'Source>EQ']);
  await page.screenshot({ path: `${SHOTS}/ux2-splice-palette.png` });

  // 2. An existing node (Reverb, unwired) dragged onto Source → EQ: the drag and the splice are one step.
  const afterPalette = (await exportJson(page)).text;
  const target = await wireMiddle(page, 'Source', 'EQ');
  await dragNodeTo(page, 'Reverb', target, `${SHOTS}/ux2-splice-dragging.png`);
  await expect.poll(() => wires(page)).toEqual(['Delay>Gain', 'EQ>Delay', 'Gain>Master', 'Reverb>EQ', 'Source>Reverb']);
  await page.screenshot({ path: `${SHOTS}/ux2-splice-drag.png` });
  await pane.click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+z');
  expect((await exportJson(page)).text).toBe(afterPalette);
  await page.keyboard.press('Control+z');
  expect((await exportJson(page)).text).toBe(start);
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => wires(page)).toContain('Source>Reverb');

  // 3. A loop is refused with its reason: Gain onto Source → Reverb would feed Gain back into itself.
  const before = await wires(page);
  await dragNodeTo(page, 'Gain', await wireMiddle(page, 'Source', 'Reverb'));
  await expect(page.getByTestId('notice')).toContainText('would make a loop');
  expect(await wires(page)).toEqual(before);
  await page.screenshot({ path: `${SHOTS}/ux2-splice-loop-refused.png` });

  // 4. A node with no input does not fit into a wire: it is added where dropped, and the notice says why.
  const m2 = await wireMiddle(page, 'Reverb', 'EQ');
  await page.getByRole('button', { name: 'Add Test tone', exact: true }).dragTo(pane, { targetPosition: { x: m2.x - paneBox.x, y: m2.y - paneBox.y } });
  await expect(page.getByTestId('notice')).toContainText('not into the wire');
  await expect(page.getByTestId('notice')).toContainText('no input');
  expect(await wires(page)).toEqual(before);
  expect(problems).toEqual([]);
});
