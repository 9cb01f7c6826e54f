/**
 * Issue 11, items 3 and 4 and the short-window inspector: A/B never pushes the right column off
 * screen; a new selection shows the inspector from the top; at 720 px tall the params stay
 * reachable (the plot folds away, the inspector scrolls apart from the master meters). On the flat
 * demo, whose EQs and compressors are nodes of their own (the default demo's sit in its module).
 */
import { type Locator, type Page, expect, test } from '@playwright/test';
import { SHOTS, nodeNamed, openEditor, openFlatDemo } from './helpers';

/** Whether `locator` lies wholly inside the window. */
async function inWindow(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const size = page.viewportSize()!;
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width + 0.5 && box.y + box.height <= size.height + 0.5;
}

/** Whether `locator` lies wholly inside the inspector's visible area. */
async function inInspectorView(page: Page, locator: Locator): Promise<boolean> {
  const panel = await page.getByRole('complementary', { name: 'Inspector' }).boundingBox();
  const box = await locator.boundingBox();
  return panel !== null && box !== null && box.y >= panel.y - 0.5 && box.y + box.height <= panel.y + panel.height + 0.5;
}

async function select(page: Page, name: string): Promise<void> {
  await nodeNamed(page, name).locator('.mg-node__name').click();
  await expect(page.locator('#inspector-heading')).toHaveText(name);
}

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
] as const) {
  test(`A/B keeps the layout inside the window at ${width}×${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openEditor(page);
    await openFlatDemo(page);
    await select(page, 'Vocals comp');
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('button', { name: 'A · processed' }).click();
    await expect(page.getByTestId('hearing')).toHaveText(/A\/B Vocals comp/);
    await inspector.getByRole('button', { name: 'A/B off' }).scrollIntoViewIfNeeded();
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth, side: document.querySelector('.workspace__side')!.getBoundingClientRect().width }));
    console.log(`${width}×${height} with A/B on: page ${widths.scroll} px wide in a ${widths.inner} px window, right column ${widths.side} px`);
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    expect(await inWindow(page, inspector.getByRole('button', { name: 'A/B off' }))).toBe(true);
    expect(await inWindow(page, page.getByRole('button', { name: 'Back to master', exact: true }))).toBe(true);
    expect(await inWindow(page, page.getByText('True peak', { exact: true }))).toBe(true);
    // The toolbar clips what does not fit: its last buttons must still be whole in the window.
    for (const name of ['Album', 'Bounce']) {
      const box = (await page.getByRole('button', { name, exact: true }).boundingBox())!;
      expect(box.x + box.width, `${name} button's right edge`).toBeLessThanOrEqual(width);
    }
    await page.screenshot({ path: `${SHOTS}/ux-ab-layout-${width}x${height}.png` });
    await inspector.getByRole('button', { name: 'A/B off' }).click();
    await expect(page.getByTestId('hearing')).toHaveText(/Master/);
  });
}

test('a newly selected node shows its inspector from the top', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openEditor(page);
  await openFlatDemo(page);
  await select(page, 'Vocals EQ');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect.poll(() => inspector.evaluate((el) => el.scrollTop)).toBeGreaterThan(200);
  await select(page, 'Bass comp');
  expect(await inspector.evaluate((el) => el.scrollTop)).toBe(0);
  expect(await inInspectorView(page, page.locator('#inspector-heading'))).toBe(true);
  await page.screenshot({ path: `${SHOTS}/ux-inspector-top-1280x720.png` });
});

test('at 720 px tall the params stay reachable: the plot folds away and the inspector scrolls apart from the meters', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openEditor(page);
  await openFlatDemo(page);
  await select(page, 'Vocals EQ');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const params = inspector.getByRole('region', { name: 'Parameters' });
  const firstParam = params.locator('.param').first();
  await page.screenshot({ path: `${SHOTS}/ux-inspector-720-plot.png` });

  // Folding the plot brings the first params into view without scrolling.
  await inspector.getByRole('button', { name: 'Hide response plot' }).click();
  await expect(inspector.locator('.plot')).toHaveCount(0);
  expect(await inInspectorView(page, firstParam)).toBe(true);
  await page.screenshot({ path: `${SHOTS}/ux-inspector-720-folded.png` });

  // The last param is reached by scrolling the inspector; the master meters stay where they are.
  const meters = page.getByRole('region', { name: 'Master meters' });
  const metersBefore = await meters.boundingBox();
  await params.locator('.param').last().scrollIntoViewIfNeeded();
  expect(await inInspectorView(page, params.locator('.param').last())).toBe(true);
  expect(await meters.boundingBox()).toEqual(metersBefore);
  expect(await inWindow(page, page.getByText('True peak', { exact: true }))).toBe(true);

  // The choice is remembered: another node, and a reload, keep the plot folded until shown again.
  await page.reload();
  await select(page, 'Bass comp');
  await expect(inspector.getByRole('button', { name: 'Show transfer curve' })).toBeVisible();
  await inspector.getByRole('button', { name: 'Show transfer curve' }).click();
  await expect(inspector.locator('.plot')).toHaveCount(1);
});
