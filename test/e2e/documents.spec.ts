import { expect, test } from '@playwright/test';
import { SHOTS, audioNodes, dragBetween, exportJson, importFile, newGraph, nodeNamed, openEditor, watchConsole } from './helpers';

interface Doc {
  name: string;
  nodes: { id: string; label?: string }[];
  edges: unknown[];
  notes?: { text: string }[];
  groups?: { label: string; nodes: string[] }[];
}

test('a note and a group survive export and import; export → import → export gives the same file', async ({ page }) => {
  const problems = watchConsole(page);
  await openEditor(page);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });

  // A note (N, with the pointer over empty canvas), written in the inspector.
  const paneBox = await page.locator('.react-flow__pane').boundingBox();
  if (paneBox === null) throw new Error('no canvas');
  // The demo opens on its channel strips; fit it whole (F), then find empty canvas for the note.
  await page.mouse.move(paneBox.x + paneBox.width * 0.75, paneBox.y + paneBox.height * 0.75);
  await page.keyboard.press('f');
  await page.waitForTimeout(300);
  const spot = await page.evaluate(() => {
    const box = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    const free = (x: number, y: number) => document.elementFromPoint(x, y)?.classList.contains('react-flow__pane') === true;
    for (let y = box.bottom - 160; y > box.top + 40; y -= 16) {
      for (let x = box.right - 280; x > box.left + 40; x -= 16) {
        if (free(x, y) && free(x + 240, y) && free(x, y + 120) && free(x + 240, y + 120) && free(x + 120, y + 60)) return { x, y };
      }
    }
    return null;
  });
  expect(spot).not.toBeNull();
  await page.mouse.move(spot!.x, spot!.y);
  await page.keyboard.press('n');
  await expect(page.locator('.react-flow__node-mgNote.selected')).toHaveCount(1);
  const text = inspector.getByRole('textbox', { name: 'Text' });
  await text.fill('Teaching note: the keys are high-passed at 150 Hz.');
  await text.blur();
  await expect(page.locator('.mg-note__text', { hasText: 'Teaching note' })).toBeVisible();

  // Resizing the note by its corner is one undo step.
  const note = page.locator('.react-flow__node-mgNote', { hasText: 'Teaching note' });
  await note.click();
  const noteBefore = await note.boundingBox();
  const corner = note.locator('.react-flow__resize-control.handle.bottom.right');
  const cornerBox = await corner.boundingBox();
  if (noteBefore === null || cornerBox === null) throw new Error('note not laid out');
  await dragBetween(page, corner, { x: cornerBox.x + 60, y: cornerBox.y + 30 });
  await expect.poll(async () => (await note.boundingBox())?.width ?? 0).toBeGreaterThan(noteBefore.width + 20);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => Math.round((await note.boundingBox())?.width ?? 0)).toBe(Math.round(noteBefore.width));

  // A group of two nodes (Ctrl+G), renamed in the inspector.
  await nodeNamed(page, 'Keys').locator('.mg-node__name').click();
  await nodeNamed(page, 'Keys strip').locator('.mg-node__name').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+g');
  const label = inspector.getByRole('textbox', { name: 'Label' });
  await label.fill('Keys track');
  await label.press('Enter');
  await expect(page.locator('.mg-group__label', { hasText: 'Keys track' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/04-note-and-group.png` });

  // Dragging the frame by its title moves its nodes; one undo puts them back.
  const keys = nodeNamed(page, 'Keys');
  const keysBefore = await keys.boundingBox();
  await dragBetween(page, page.locator('.mg-group__header', { hasText: 'Keys track' }), { x: (keysBefore?.x ?? 0) + 120, y: (keysBefore?.y ?? 0) - 60 });
  await expect.poll(async () => Math.abs(((await keys.boundingBox())?.x ?? 0) - (keysBefore?.x ?? 0))).toBeGreaterThan(30);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => Math.round((await keys.boundingBox())?.y ?? 0)).toBe(Math.round(keysBefore?.y ?? 0));

  // Export: the file carries both.
  const first = await exportJson(page);
  const doc = JSON.parse(first.text) as Doc;
  expect(doc.notes?.some((n) => n.text === 'Teaching note: the keys are high-passed at 150 Hz.')).toBe(true);
  const group = doc.groups?.find((g) => g.label === 'Keys track');
  expect(group?.nodes.map((id) => doc.nodes.find((n) => n.id === id)?.label)).toEqual(['Keys', 'Keys strip']);
  await expect(page.locator('.toolbar__doc-state')).not.toContainText('Unsaved');

  // Start over, then import the exported file: note and group are back on the canvas.
  await newGraph(page);
  await expect(page.locator('.mg-group__label', { hasText: 'Keys track' })).toHaveCount(0);
  await importFile(page, { name: 'exported.json', mimeType: 'application/json', buffer: Buffer.from(first.text) });
  await expect(page.locator('.mg-group__label', { hasText: 'Keys track' })).toBeVisible();
  await expect(page.locator('.mg-note__text', { hasText: 'Teaching note' })).toBeVisible();
  await expect(audioNodes(page)).toHaveCount(doc.nodes.length);
  await expect(page.locator('.toolbar__doc-name')).toHaveText(doc.name);

  // The round trip is exact.
  const second = await exportJson(page);
  expect(second.text).toBe(first.text);
  expect(problems).toEqual([]);
});

test('a broken file shows its problems and leaves the current graph untouched', async ({ page }) => {
  await openEditor(page);
  const before = await exportJson(page);
  const count = await audioNodes(page).count();

  // Valid JSON, invalid graph: an out-of-range param and a wire to a missing node.
  const broken = JSON.stringify({
    format: 'mixgraph',
    version: 1,
    name: 'Broken',
    nodes: [{ id: 'eq1', type: 'eq', position: { x: 0, y: 0 }, params: { p1Gain: 99 } }],
    edges: [{ id: 'w1', from: { node: 'ghost', port: 'out' }, to: { node: 'eq1', port: 'in' } }],
  });
  await importFile(page, { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  const dialog = page.getByRole('alertdialog', { name: 'Could not open broken.json' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('p1Gain');
  await expect(dialog).toContainText('99');
  await expect(dialog).toContainText('ghost');
  await expect(dialog).toContainText('your current graph is still open');
  await page.screenshot({ path: `${SHOTS}/05-broken-import.png` });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // Not even JSON: the message says where.
  await importFile(page, { name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "format": "mixgraph",\n  "nodes": [\n') });
  const syntax = page.getByRole('alertdialog', { name: 'Could not open cut.json' });
  await expect(syntax).toContainText(/line 4, column 1/);
  await syntax.getByRole('button', { name: 'Close' }).click();

  // The current graph is exactly as it was.
  await expect(audioNodes(page)).toHaveCount(count);
  const after = await exportJson(page);
  expect(after.text).toBe(before.text);
});

test('insert a file into the current graph by menu and by drag-and-drop: ids remapped, wires kept, no second master', async ({ page }) => {
  const problems = watchConsole(page);
  await openEditor(page);
  const nodes = await audioNodes(page).count();
  const wires = await page.locator('.react-flow__edge').count();
  // Its ids collide with demo-mix's on purpose; its master must be left out.
  const small = JSON.stringify({
    format: 'mixgraph',
    version: 1,
    name: 'Small',
    nodes: [
      { id: 'src-drums', type: 'source', label: 'Extra drums', position: { x: 0, y: 0 }, params: { clip: 'demo:drums' } },
      { id: 'drums', type: 'eq', label: 'Extra EQ', position: { x: 240, y: 0 }, params: {} },
      { id: 'master', type: 'output', label: 'Other master', position: { x: 480, y: 0 }, params: {} },
    ],
    edges: [
      { id: 'w1', from: { node: 'src-drums', port: 'out' }, to: { node: 'drums', port: 'in' } },
      { id: 'w2', from: { node: 'drums', port: 'out' }, to: { node: 'master', port: 'in' } },
    ],
  });
  await page.getByRole('button', { name: 'Import' }).click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('menuitem', { name: 'Insert file into this graph…' }).click()]);
  await chooser.setFiles({ name: 'small.json', mimeType: 'application/json', buffer: Buffer.from(small) });
  await expect(audioNodes(page)).toHaveCount(nodes + 2);
  await expect(page.locator('.react-flow__edge')).toHaveCount(wires + 1);
  await expect(page.getByTestId('notice')).toContainText('"Other master" was left out');
  await expect(nodeNamed(page, 'Extra EQ')).toBeVisible();
  // Valid (the unwired EQ only earns a warning).
  await expect(page.locator('.statusbar__summary')).not.toContainText('error');

  // The same file dropped on the canvas, inserted where it lands.
  const transfer = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return data;
  }, small);
  await page.dispatchEvent('.react-flow__pane', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('.react-flow__pane', 'drop', { dataTransfer: transfer });
  const ask = page.getByRole('dialog', { name: 'Import dropped.json' });
  await ask.getByRole('button', { name: 'Insert here' }).click();
  await expect(audioNodes(page)).toHaveCount(nodes + 4);
  await expect(nodeNamed(page, 'Extra EQ')).toHaveCount(2);
  const doc = JSON.parse((await exportJson(page)).text) as { nodes: { id: string }[] };
  expect(new Set(doc.nodes.map((n) => n.id)).size).toBe(doc.nodes.length);
  expect(problems).toEqual([]);
});
