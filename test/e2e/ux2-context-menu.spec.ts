import { type Page, expect, test } from '@playwright/test';
import { SHOTS, audioNodes, exportJson, nodeNamed, openEditor, openFlatDemo, watchConsole } from './helpers';
import { SIZES } from './ux2-helpers';

type Doc = { nodes: { id: string; label?: string; bypass?: boolean }[]; edges: { id: string; from: { node: string }; to: { node: string } }[] };

async function doc(page: Page): Promise<Doc> {
  return JSON.parse((await exportJson(page)).text) as Doc;
}

async function wireMiddle(page: Page, edgeId: string): Promise<{ x: number; y: number }> {
  return page.evaluate((id) => {
    const path = document.querySelector<SVGPathElement>(`.react-flow__edge[data-id="${id}"] path.react-flow__edge-path`)!;
    const point = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM()!;
    return { x: point.x * m.a + point.y * m.c + m.e, y: point.x * m.b + point.y * m.d + m.f };
  }, edgeId);
}

/** Whether the element's box lies wholly inside the window. */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth && r.bottom <= window.innerHeight;
  });
}

for (const size of SIZES) {
  test(`context menus on a node, a wire and the canvas, never off screen (${size.width}×${size.height})`, async ({ page }) => {
    await page.setViewportSize(size);
    const problems = watchConsole(page);
    await openEditor(page);
    // An EQ node of its own (bypass, help), and wires between one track's nodes: the flat demo.
    await openFlatDemo(page);
    const count = await audioNodes(page).count();

    // Node menu: every action, focus on the first entry, arrows move, Escape closes.
    await nodeNamed(page, 'Bass EQ').locator('.mg-node__name').click({ button: 'right' });
    const nodeMenu = page.getByRole('menu', { name: 'Node menu' });
    await expect(nodeMenu).toBeVisible();
    const labels = (await nodeMenu.locator('[role^="menuitem"]').allTextContents()).map((t) => t.replace(/^✓/, ''));
    for (const want of ['Bypass', 'Probe', 'A/B', 'Duplicate', 'Group', 'Delete', 'Help']) expect(labels.join(' | ')).toContain(want);
    await expect(nodeMenu.getByRole('menuitemcheckbox', { name: 'Bypass', exact: true })).toBeFocused();
    await page.screenshot({ path: `${SHOTS}/ux2-context-node-${size.width}.png` });
    await page.keyboard.press('ArrowDown');
    await expect(nodeMenu.getByRole('menuitemcheckbox', { name: 'Bypass', exact: true })).not.toBeFocused();
    await page.keyboard.press('Escape');
    await expect(nodeMenu).toBeHidden();
    // Escape closed only the menu: the node stays selected.
    await expect(nodeNamed(page, 'Bass EQ')).toHaveClass(/selected/);

    await nodeNamed(page, 'Bass EQ').locator('.mg-node__name').click({ button: 'right' });
    await page.getByRole('menuitemcheckbox', { name: 'Bypass', exact: true }).click();
    expect((await doc(page)).nodes.find((n) => n.label === 'Bass EQ')?.bypass).toBe(true);
    await nodeNamed(page, 'Bass EQ').locator('.mg-node__name').click({ button: 'right' });
    await page.getByRole('menuitem', { name: /Duplicate/ }).click();
    await expect(audioNodes(page)).toHaveCount(count + 1);
    await page.keyboard.press('Control+z');
    await nodeNamed(page, 'Bass EQ').locator('.mg-node__name').click({ button: 'right' });
    await page.getByRole('menuitem', { name: /Help/ }).click();
    const help = page.getByRole('dialog', { name: 'EQ — help' });
    await expect(help).toBeVisible();
    await help.getByRole('button', { name: 'Close' }).click();

    // Wire menu: insert a node into it (quick-add, spliced), then delete a wire.
    let d = await doc(page);
    const bassEq = d.nodes.find((n) => n.label === 'Bass EQ')!.id;
    const wire = d.edges.find((e) => e.from.node === bassEq)!;
    const at = await wireMiddle(page, wire.id);
    await page.mouse.click(at.x, at.y, { button: 'right' });
    const wireMenu = page.getByRole('menu', { name: 'Wire menu' });
    await expect(wireMenu).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/ux2-context-wire-${size.width}.png` });
    expect(await wireMenu.locator('[role^="menuitem"]').allTextContents()).toEqual(['Probe (listen here)Alt+click', 'Insert node…', 'Delete wireDel']);
    await wireMenu.getByRole('menuitem', { name: 'Insert node…' }).click();
    await page.keyboard.type('pan');
    await page.keyboard.press('Enter');
    d = await doc(page);
    const pan = d.nodes.find((n) => n.label === 'Pan')!.id;
    expect(d.edges.some((e) => e.from.node === bassEq && e.to.node === pan)).toBe(true);
    expect(d.edges.some((e) => e.from.node === pan && e.to.node === wire.to.node)).toBe(true);
    const keysEq = d.nodes.find((n) => n.label === 'Keys EQ')!.id;
    const keysOut = d.edges.find((e) => e.from.node === keysEq)!;
    const at2 = await wireMiddle(page, keysOut.id);
    await page.mouse.click(at2.x, at2.y, { button: 'right' });
    await page.getByRole('menuitem', { name: 'Delete wire' }).click();
    expect((await doc(page)).edges.some((e) => e.id === keysOut.id)).toBe(false);

    // Canvas menu near the bottom edge: it opens upwards, inside the window.
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    await page.mouse.click(pane.x + pane.width / 2, pane.y + pane.height - 6, { button: 'right' });
    const canvasMenu = page.getByRole('menu', { name: 'Canvas menu' });
    await expect(canvasMenu).toBeVisible();
    expect(await canvasMenu.locator('[role^="menuitem"]').allTextContents()).toEqual(['Add node…Space', 'PasteCtrl+V', 'Fit viewF']);
    expect(await onScreen(page, '.context-menu')).toBe(true);
    await page.screenshot({ path: `${SHOTS}/ux2-context-canvas-edge-${size.width}.png` });
    await page.keyboard.press('Escape');
    // Near the right edge too.
    await page.mouse.click(pane.x + pane.width - 4, pane.y + 60, { button: 'right' });
    expect(await onScreen(page, '.context-menu')).toBe(true);
    await page.keyboard.press('Escape');

    // Paste what was copied, from the canvas menu.
    await nodeNamed(page, 'Pan').locator('.mg-node__name').click();
    await page.keyboard.press('Control+c');
    const before = await audioNodes(page).count();
    // An empty spot of the canvas: the opening view may put nodes anywhere.
    const spot = await page.evaluate(() => {
      const box = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
      for (let y = box.top + 40; y < box.bottom - 40; y += 16) {
        for (let x = box.left + 40; x < box.right - 240; x += 16) {
          if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
        }
      }
      return null;
    });
    expect(spot).not.toBeNull();
    await page.mouse.click(spot!.x, spot!.y, { button: 'right' });
    await page.getByRole('menuitem', { name: 'Paste' }).click();
    await expect(audioNodes(page)).toHaveCount(before + 1);
    expect(problems).toEqual([]);
  });
}

test('context menu from the keyboard: Shift+F10 on a focused node, arrows, Enter', async ({ page }) => {
  await openEditor(page);
  await openFlatDemo(page);
  await nodeNamed(page, 'Keys EQ').focus();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Node menu' });
  await expect(menu).toBeVisible();
  await page.keyboard.press('End'); // Help
  await page.keyboard.press('ArrowUp'); // Delete
  await expect(menu.getByRole('menuitem', { name: /Delete/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(nodeNamed(page, 'Keys EQ')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(nodeNamed(page, 'Keys EQ')).toHaveCount(1);
});

test('a module instance (a channel strip of the opening demo) offers Probe and Help, in its menu and its inspector', async ({ page }) => {
  const problems = watchConsole(page);
  await openEditor(page);
  const strip = nodeNamed(page, 'Bass strip');
  await strip.locator('.mg-node__name').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Node menu' });
  await expect(menu).toBeVisible();
  const labels = (await menu.locator('[role^="menuitem"]').allTextContents()).join(' | ');
  expect(labels).toContain('Probe (listen here)');
  expect(labels).toContain('Help: Channel strip');
  await menu.getByRole('menuitemcheckbox', { name: /Probe/ }).click();
  // The probe listens to the instance's output (the strip's last inner node).
  await expect(page.getByTestId('hearing')).toHaveText(/Probe: Bass strip/);
  await strip.locator('.mg-node__name').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Help: Channel strip' }).click();
  const help = page.getByRole('dialog', { name: 'Channel strip — help' });
  await expect(help).toBeVisible();
  // A long help opens at its top (title and description), with Close in view as well.
  await expect(help.getByRole('heading', { name: 'Channel strip — help' })).toBeInViewport();
  await expect(help.getByRole('button', { name: 'Close' })).toBeInViewport();
  // The strip's own params, without the "which module" param the inspector hides as well.
  await expect(help.locator('dt')).not.toHaveCount(0);
  await expect(help.locator('dt', { hasText: /^Module$/ })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/ux2-context-module-help.png` });
  await help.getByRole('button', { name: 'Close' }).click();
  // The inspector's Listen section is there for the strip too.
  await strip.locator('.mg-node__name').click();
  await expect(page.getByRole('complementary', { name: 'Inspector' }).getByRole('button', { name: /Probing — back to master|Probe this output/ })).toBeVisible();
  expect(problems).toEqual([]);
});
