import { expect, test } from '@playwright/test';
import { SHOTS, audioNodes, nodeNamed, openEditor, openFlatDemo, watchConsole } from './helpers';

/**
 * Issue 14 in a real browser: make a module from three nodes, add a second instance, open one,
 * put a param on the face and change it inside (that instance's own value: only its face
 * follows), play and watch the opened instance's inner meters, share the link into a fresh
 * context, then unpack. The module is made from the flat demo's vocal nodes; the default demo is
 * itself built from modules (below).
 */
test('modules: make, open, edit an instance from inside, inner meters, share, unpack', async ({ page, browser }) => {
  const problems = watchConsole(page);
  await openEditor(page);
  await openFlatDemo(page);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const before = await audioNodes(page).count();

  // Select three nodes and make a module (Ctrl+Alt+G): one node replaces them.
  await nodeNamed(page, 'Vocals EQ').locator('.mg-node__name').click();
  await nodeNamed(page, 'Vocals comp').locator('.mg-node__name').click({ modifiers: ['Shift'] });
  await nodeNamed(page, 'Vocals → reverb').locator('.mg-node__name').click({ modifiers: ['Shift'] });
  await expect(inspector.getByRole('button', { name: /Make module/ })).toBeVisible();
  await page.keyboard.press('Control+Alt+g');
  const instance = page.getByTestId('rf__node-module-1');
  await expect(instance).toBeVisible();
  await expect(audioNodes(page)).toHaveCount(before - 2);
  // One undo step takes it all back, redo brings the module again.
  await page.keyboard.press('Control+z');
  await expect(audioNodes(page)).toHaveCount(before);
  await page.keyboard.press('Control+Shift+z');
  await expect(instance).toBeVisible();

  // Ports named after the inner ports; renameable from the inspector.
  await instance.locator('.mg-node__name').click();
  await inspector.getByText('Port names').click();
  const sendPort = inspector.getByRole('textbox', { name: 'Output out-vocals-verb-send' });
  await sendPort.fill('Reverb send');
  await sendPort.press('Enter');
  await expect(instance.locator('.mg-port--out', { hasText: 'Reverb send' })).toBeVisible();

  // A second instance from the palette's "In this document".
  await page.getByRole('button', { name: 'Add module Module 1 (in this document)' }).click();
  await expect(page.locator('.mg-node[data-node-type="module"]')).toHaveCount(2);
  await page.keyboard.press('Escape');

  // Open the first instance (double-click): breadcrumb, inner nodes.
  await instance.locator('.mg-node__name').dblclick();
  const crumbs = page.getByRole('navigation', { name: 'Open module' });
  await expect(crumbs).toContainText('Demo mix (flat)');
  await expect(crumbs).toContainText('Module 1 (Module 1)');
  await expect(audioNodes(page)).toHaveCount(3);

  // Put the compressor's threshold on the face, then change it inside: the opened instance's value.
  await nodeNamed(page, 'Vocals comp').locator('.mg-node__name').click();
  await inspector.getByRole('checkbox', { name: 'Threshold' }).check();
  const threshold = inspector.getByRole('textbox', { name: 'Threshold value' });
  await threshold.fill('-33');
  await threshold.press('Enter');
  await expect(threshold).toHaveValue('-33');
  await page.screenshot({ path: `${SHOTS}/modules-open.png` });

  // Play: the opened instance's inner meters move (they read `instance/inner` in the engine).
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const innerMeter = nodeNamed(page, 'Vocals comp').locator('canvas.mg-meter');
  await expect.poll(async () => Number(await innerMeter.getAttribute('data-peak-db')), { timeout: 15_000 }).toBeGreaterThan(-40);
  await page.screenshot({ path: `${SHOTS}/modules-playing-inside.png` });
  await page.getByRole('button', { name: 'Stop', exact: true }).click();

  // Back out: the opened instance's face shows its new threshold, the other keeps the module's.
  await crumbs.getByRole('button', { name: 'Demo mix (flat)' }).click();
  await expect(crumbs).toBeHidden();
  const faces = page.locator('.mg-node[data-node-type="module"] .mg-node__param', { hasText: 'Vocals comp Threshold' });
  await expect(faces).toHaveCount(2);
  await expect(faces.nth(0)).toContainText('−33');
  await expect(faces.nth(1)).toContainText('−28');
  await page.screenshot({ path: `${SHOTS}/modules-two-instances.png` });

  // Share the link and open it in a fresh context: same modules, same faces.
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share link' });
  const url = await dialog.getByRole('textbox').inputValue();
  await page.keyboard.press('Escape');
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const otherProblems = watchConsole(other);
  await other.goto(url);
  await expect(other.locator('.mg-node[data-node-type="module"]')).toHaveCount(2);
  await expect(other.locator('.mg-node[data-node-type="module"] .mg-node__param', { hasText: 'Vocals comp Threshold' }).first()).toContainText('−33');
  expect(otherProblems).toEqual([]);
  await fresh.close();

  // Unpack the first instance: its three nodes come back where they were.
  await instance.locator('.mg-node__name').click();
  await inspector.getByRole('button', { name: 'Unpack' }).click();
  await expect(nodeNamed(page, 'Vocals comp')).toBeVisible();
  await expect(page.locator('.mg-node[data-node-type="module"]')).toHaveCount(1);
  expect(problems).toEqual([]);
});

test('the demo mix: five instances of one channel strip, each with its own face; one opened from the keyboard and heard', async ({ page }) => {
  const problems = watchConsole(page);
  await openEditor(page);
  const strips = page.locator('.mg-node[data-node-type="module"]');
  await expect(strips).toHaveCount(5);
  for (const track of ['Drums', 'Bass', 'Keys', 'Lead', 'Vocals']) await expect(nodeNamed(page, `${track} strip`)).toHaveCount(1);
  // One definition, each instance with its own values: the face shows the module's summary params
  // (threshold, ratio, fader), with the compression each stem's flat chain had; the drums strip
  // sets no threshold of its own, so it shows the compressor's default, −18 dB.
  const face = (strip: string, label: string) => nodeNamed(page, strip).locator('.mg-node__param', { hasText: label });
  await expect(face('Vocals strip', 'Threshold')).toContainText('\u221228 dB');
  await expect(face('Keys strip', 'Threshold')).toContainText('\u221226 dB');
  await expect(face('Drums strip', 'Threshold')).toContainText('\u221218 dB');
  await expect(face('Keys strip', 'Ratio')).toContainText('2.5:1');
  await expect(face('Lead strip', 'Ratio')).toContainText('3:1');
  await expect(face('Bass strip', 'Fader')).toContainText('0 dB');
  await expect(nodeNamed(page, 'Bass strip').locator('.mg-node__param')).toHaveCount(3);
  await page.screenshot({ path: `${SHOTS}/modules-demo-strips.png` });
  // Select the vocals strip and press Enter: its definition opens with the breadcrumb.
  await nodeNamed(page, 'Vocals strip').locator('.mg-node__name').click();
  await page.keyboard.press('Enter');
  const crumbs = page.getByRole('navigation', { name: 'Open module' });
  await expect(crumbs).toContainText('Demo mix');
  await expect(crumbs).toContainText('Channel strip (Vocals strip)');
  await expect(audioNodes(page)).toHaveCount(4);
  // Play: the opened strip's compressor meter moves (it reads vocals/comp in the engine).
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const innerMeter = nodeNamed(page, 'Compressor').locator('canvas.mg-meter');
  await expect.poll(async () => Number(await innerMeter.getAttribute('data-peak-db')), { timeout: 15_000 }).toBeGreaterThan(-40);
  await page.mouse.move(5, 5);
  await page.screenshot({ path: `${SHOTS}/modules-demo-strip-open.png` });
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  // Escape with nothing selected, on the canvas, goes back out.
  await page.locator('.react-flow').focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(crumbs).toBeHidden();
  await expect(strips).toHaveCount(5);
  expect(problems).toEqual([]);
});
