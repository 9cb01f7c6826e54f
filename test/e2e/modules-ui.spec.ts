import { type Page, expect, test } from '@playwright/test';
import { SHOTS, audioNodes, dragBetween, exportJson, handleOf, importFile, nodeNamed, openEditor, watchConsole } from './helpers';

/**
 * Issue 14, the editing items added after the first module work (docs/modules.md): the toolbar's
 * Module menu, the opened instance's values inside a module, the definition's name, description
 * and ports edited from inside, mute/solo inside and bypass of a whole instance (heard), and
 * rename/delete in the module library.
 *
 * Two sines of known level, each through an instance of one module "Strip": Trim (gain, promoted
 * as "Level") → Output gain (not promoted). Strip A has its own Level −6 dB; Strip B uses the
 * module's 0 dB. Heard at the start: A at −18 dBFS peak, B at −24 dBFS peak.
 */
const at = (x: number, y: number) => ({ x, y });
const graph = {
  format: 'mixgraph',
  version: 2,
  name: 'Two strips',
  modules: [
    {
      id: 'strip',
      name: 'Strip',
      nodes: [
        { id: 'g', type: 'gain', label: 'Trim', position: at(0, 0), params: { gain: 0 } },
        { id: 'o', type: 'gain', label: 'Output gain', position: at(260, 0), params: { gain: 0 } },
      ],
      edges: [{ id: 'i1', from: { node: 'g', port: 'out' }, to: { node: 'o', port: 'in' } }],
      inputs: [{ id: 'in', label: 'In', node: 'g', port: 'in' }],
      outputs: [{ id: 'out', label: 'Out', node: 'o', port: 'out' }],
      params: [{ key: 'level', label: 'Level', node: 'g', param: 'gain' }],
    },
  ],
  nodes: [
    { id: 'a', type: 'tone', label: 'Tone A', position: at(0, 0), params: { wave: 'sine', freq: 440, level: -12 } },
    { id: 'sa', type: 'module', label: 'Strip A', position: at(280, 0), params: { module: 'strip', level: -6 } },
    { id: 'b', type: 'tone', label: 'Tone B', position: at(0, 220), params: { wave: 'sine', freq: 1000, level: -24 } },
    { id: 'sb', type: 'module', label: 'Strip B', position: at(280, 220), params: { module: 'strip' } },
    { id: 'master', type: 'output', label: 'Master', position: at(600, 110), params: {} },
  ],
  edges: [
    { id: 'w1', from: { node: 'a', port: 'out' }, to: { node: 'sa', port: 'in' } },
    { id: 'w2', from: { node: 'sa', port: 'out' }, to: { node: 'master', port: 'in' } },
    { id: 'w3', from: { node: 'b', port: 'out' }, to: { node: 'sb', port: 'in' } },
    { id: 'w4', from: { node: 'sb', port: 'out' }, to: { node: 'master', port: 'in' } },
  ],
};

/** RMS (dB) of sines at different frequencies with these peaks (dBFS): powers add, RMS = peak − 3.01 dB. */
const rmsOf = (...peaks: number[]) => 10 * Math.log10(peaks.reduce((sum, p) => sum + 10 ** (p / 10) / 2, 0));

/** What the speakers get now, RMS in dB over half a second (past the 20 ms ramps). */
async function heard(page: Page): Promise<number> {
  await page.waitForTimeout(150);
  return (await page.evaluate(() => window.__mixgraphTest!.record(0.5, 'speakers'))).rmsDb;
}

async function openTwoStrips(page: Page): Promise<void> {
  await openEditor(page, '/?test');
  await importFile(page, { name: 'two-strips.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(graph)) });
  await expect(nodeNamed(page, 'Strip B')).toBeVisible();
}

const faceValue = (page: Page, strip: string, label: string) => nodeNamed(page, strip).locator('.mg-node__param', { hasText: label }).locator('dd');

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
] as const) {
  test(`the toolbar's Module menu makes and opens modules and fits at ${width}×${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const problems = watchConsole(page);
    await openTwoStrips(page);
    const menuButton = page.getByRole('button', { name: 'Module', exact: true });
    // Whole inside the window, and the toolbar's last buttons still are too.
    for (const name of ['Module', 'Album', 'Bounce']) {
      const box = (await page.getByRole('button', { name, exact: true }).boundingBox())!;
      expect(box.x >= 0 && box.x + box.width <= width, `${name} button inside the window`).toBe(true);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // Nothing selected: Make module is offered but disabled.
    await menuButton.click();
    const menu = page.getByRole('menu', { name: 'Module' });
    await expect(menu.getByRole('menuitem', { name: /Make module from selection/ })).toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Escape');

    // Two tones selected: Make module from the toolbar makes one instance of them.
    await nodeNamed(page, 'Tone A').locator('.mg-node__name').click();
    await nodeNamed(page, 'Tone B').locator('.mg-node__name').click({ modifiers: ['Shift'] });
    await menuButton.click();
    // The list drops below its button, whole in the window; the toolbar (which clips what does not
    // fit) stays where it was.
    const makeItem = menu.getByRole('menuitem', { name: /Make module from selection/ });
    await expect(makeItem).toBeFocused();
    const buttonBox = (await menuButton.boundingBox())!;
    const listBox = (await menu.boundingBox())!;
    expect(buttonBox.y).toBeGreaterThanOrEqual(0);
    expect(listBox.y).toBeGreaterThanOrEqual(buttonBox.y + buttonBox.height);
    expect(listBox.y + listBox.height).toBeLessThanOrEqual(height);
    expect(listBox.x + listBox.width).toBeLessThanOrEqual(width);
    expect(await page.locator('.toolbar').evaluate((e) => e.scrollTop)).toBe(0);
    await page.screenshot({ path: `${SHOTS}/modules-ui-menu-${width}x${height}.png` });
    await makeItem.click();
    await expect(page.locator('.mg-node[data-node-type="module"]')).toHaveCount(3);
    await expect(nodeNamed(page, 'Tone A')).toHaveCount(0);

    // An instance selected: Open module from the same menu shows its inside.
    await nodeNamed(page, 'Strip A').locator('.mg-node__name').click();
    await menuButton.click();
    await menu.getByRole('menuitem', { name: 'Open module' }).click();
    await expect(page.getByRole('navigation', { name: 'Open module' })).toContainText('Strip (Strip A)');
    await expect(audioNodes(page)).toHaveCount(2);
    await page.screenshot({ path: `${SHOTS}/modules-ui-opened-${width}x${height}.png` });
    expect(problems).toEqual([]);
  });
}

test('inside an open module: the instance’s own values, edits to this instance or to all, mute/solo inside, bypass of an instance — all heard', async ({ page }) => {
  test.setTimeout(90_000);
  const problems = watchConsole(page);
  await openTwoStrips(page);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() => window.__mixgraphTest?.state().playing === true);
  expect(await heard(page)).toBeCloseTo(rmsOf(-18, -24), 0);

  // Open Strip A: its Trim shows A's own Level (−6), not the module's 0 dB, and says where it lives.
  await nodeNamed(page, 'Strip A').locator('.mg-node__name').dblclick();
  await expect(nodeNamed(page, 'Trim').locator('.mg-node__param dd')).toHaveText(/^−6(\.0)? dB$/);
  await nodeNamed(page, 'Trim').locator('.mg-node__name').click();
  const gain = inspector.getByRole('textbox', { name: 'Gain value' });
  await expect(gain).toHaveValue('-6');
  const note = inspector.getByRole('note', { name: 'Where these values live' });
  await expect(note).toContainText('Gain: this instance’s value — promoted as “Level” (Strip (Strip A))');
  // Edited from inside: only Strip A changes (A now at −24 dBFS, B unchanged).
  await gain.fill('-12');
  await gain.press('Enter');
  expect(await heard(page)).toBeCloseTo(rmsOf(-24, -24), 0);
  await page.screenshot({ path: `${SHOTS}/modules-ui-instance-value.png` });

  // A param that is not promoted belongs to the module: every instance changes (−6 dB on both).
  await nodeNamed(page, 'Output gain').locator('.mg-node__name').click();
  await expect(note).toContainText('These params belong to the module “Strip”: a change here changes all 2 instances.');
  await gain.fill('-6');
  await gain.press('Enter');
  expect(await heard(page)).toBeCloseTo(rmsOf(-30, -30), 0);

  // Mute inside: the opened instance's node only (B still heard); solo inside: only A's path.
  const toggle = async (what: 'Mute' | 'Solo', node: string) => {
    await nodeNamed(page, node).hover();
    await nodeNamed(page, node).getByRole('button', { name: `${what} ${node}` }).click();
  };
  await toggle('Mute', 'Output gain');
  await expect(nodeNamed(page, 'Output gain').getByRole('button', { name: 'Mute Output gain' })).toHaveAttribute('aria-pressed', 'true');
  expect(await heard(page)).toBeCloseTo(rmsOf(-30), 0);
  await toggle('Mute', 'Output gain');
  await toggle('Solo', 'Trim');
  expect(await heard(page)).toBeCloseTo(rmsOf(-30), 0);
  await page.screenshot({ path: `${SHOTS}/modules-ui-solo-inside.png` });
  await toggle('Solo', 'Trim');
  expect(await heard(page)).toBeCloseTo(rmsOf(-30, -30), 0);

  // Back out: the faces show each instance's own Level.
  await page.getByRole('navigation', { name: 'Open module' }).getByRole('button', { name: 'Two strips' }).click();
  await expect(faceValue(page, 'Strip A', 'Level')).toHaveText(/^−12(\.0)? dB$/);
  await expect(faceValue(page, 'Strip B', 'Level')).toHaveText(/^0(\.0)? dB$/);

  // Bypass Strip A from its face: every node inside passes through (A heard at its −12 dBFS).
  await nodeNamed(page, 'Strip A').hover();
  await nodeNamed(page, 'Strip A').getByRole('button', { name: 'Bypass Strip A' }).click();
  await expect(nodeNamed(page, 'Strip A').locator('.mg-node__chip')).toHaveText('Bypassed');
  expect(await heard(page)).toBeCloseTo(rmsOf(-12, -30), 0);
  await nodeNamed(page, 'Strip A').locator('.mg-node__name').click();
  await expect(inspector.getByRole('button', { name: 'Bypassed' })).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: `${SHOTS}/modules-ui-bypassed-instance.png` });
  await page.getByRole('button', { name: 'Stop', exact: true }).click();

  // The document holds the instance values, the bypass, and no mute or solo.
  const saved = JSON.parse((await exportJson(page)).text);
  expect(saved.nodes.find((n: { id: string }) => n.id === 'sa')).toMatchObject({ bypass: true, params: { module: 'strip', level: -12 } });
  expect(saved.nodes.find((n: { id: string }) => n.id === 'sb').params).toEqual({ module: 'strip' });
  expect(saved.modules[0].nodes.map((n: { params: { gain: number } }) => n.params.gain)).toEqual([0, -6]);
  expect(problems).toEqual([]);
});

test('the definition from inside: name, description, a port exposed, wired, undone, removed', async ({ page }) => {
  const problems = watchConsole(page);
  await openTwoStrips(page);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await nodeNamed(page, 'Strip A').locator('.mg-node__name').dblclick();

  // Nothing selected inside: the inspector edits the module itself.
  await expect(inspector.getByRole('heading', { name: 'Module “Strip”' })).toBeVisible();
  const name = inspector.getByRole('textbox', { name: 'Module name' });
  await name.fill('Vocal strip');
  await name.press('Enter');
  await expect(page.getByRole('navigation', { name: 'Open module' })).toContainText('Vocal strip (Strip A)');
  const description = inspector.getByRole('textbox', { name: 'Module description' });
  await description.fill('Trim, then a shared output gain.');
  await description.blur();

  // Right-click an inner node: expose its output as a new port of the module.
  await nodeNamed(page, 'Trim').locator('.mg-node__name').click({ button: 'right' });
  await page.getByRole('menu', { name: 'Node menu' }).getByRole('menuitem', { name: 'Expose Out as module output' }).click();
  // Click the empty canvas: nothing selected, the inspector shows the module with its new port.
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 140 } });
  await expect(inspector.getByRole('heading', { name: 'Module “Vocal strip”' })).toBeVisible();
  await expect(inspector.getByRole('textbox', { name: /Output out-g/ })).toHaveValue('Out (Trim)');
  await page.screenshot({ path: `${SHOTS}/modules-ui-definition.png` });

  // Out: both instances have the port. One undo step takes it away, redo brings it back.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('navigation', { name: 'Open module' })).toBeHidden();
  const stripA = nodeNamed(page, 'Strip A');
  await expect(handleOf(stripA, 'out', 'out-g')).toBeVisible();
  await expect(handleOf(nodeNamed(page, 'Strip B'), 'out', 'out-g')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(handleOf(stripA, 'out', 'out-g')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(handleOf(stripA, 'out', 'out-g')).toBeVisible();

  // Wire the new port to the master, then remove the port from inside: that wire goes, the others stay.
  await dragBetween(page, handleOf(stripA, 'out', 'out-g'), handleOf(nodeNamed(page, 'Master'), 'in', 'in'));
  let saved = JSON.parse((await exportJson(page)).text);
  expect(saved.edges.some((e: { from: { node: string; port: string } }) => e.from.node === 'sa' && e.from.port === 'out-g')).toBe(true);
  await stripA.locator('.mg-node__name').dblclick();
  await inspector.getByRole('button', { name: 'Remove output Out (Trim)' }).click();
  await expect(inspector.getByRole('textbox', { name: /Output out-g/ })).toHaveCount(0);
  saved = JSON.parse((await exportJson(page)).text);
  expect(saved.modules[0]).toMatchObject({ name: 'Vocal strip', description: 'Trim, then a shared output gain.' });
  expect(saved.modules[0].outputs.map((p: { id: string }) => p.id)).toEqual(['out']);
  expect(saved.edges.map((e: { id: string }) => e.id)).toEqual(['w1', 'w2', 'w3', 'w4']);
  expect(problems).toEqual([]);
});

test('my modules: rename and delete in the palette; a document that uses a deleted one keeps it', async ({ page }) => {
  const problems = watchConsole(page);
  await openTwoStrips(page);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await nodeNamed(page, 'Strip A').locator('.mg-node__name').click();
  await inspector.getByRole('button', { name: 'Save to library' }).click();
  await expect(page.getByRole('button', { name: 'Add module Strip (my modules)' })).toBeVisible();

  // Rename: a prompt, then the palette shows the new name.
  await page.getByRole('button', { name: 'Rename Strip in my modules' }).click();
  const prompt = page.getByRole('dialog', { name: 'Rename “Strip”' });
  await prompt.getByRole('textbox').fill('Clean strip');
  await prompt.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('button', { name: 'Add module Clean strip (my modules)' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/modules-ui-library.png` });

  // Delete asks first; Cancel keeps it, Delete removes it from the library only.
  await page.getByRole('button', { name: 'Delete Clean strip from my modules' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete “Clean strip” from your library?' });
  await expect(confirm).toContainText('Documents that use it keep working');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Add module Clean strip (my modules)' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete Clean strip from my modules' }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('button', { name: 'Add module Clean strip (my modules)' })).toHaveCount(0);
  // The open document still has its module and both instances.
  await expect(page.locator('.mg-node[data-node-type="module"]')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Add module Strip (in this document)' })).toBeVisible();
  // After a reload the library is still without it.
  await page.reload();
  await expect(nodeNamed(page, 'Strip A')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add module Strip (in this document)' })).toBeVisible();
  await expect(page.getByRole('button', { name: /\(my modules\)/ })).toHaveCount(0);
  expect(problems).toEqual([]);
});
