/**
 * Issue 11, item 2: the minimap is translucent, can be hidden (and the choice survives a reload),
 * and fit view never puts a node under it.
 */
import { type Page, expect, test } from '@playwright/test';
import { SHOTS, importFile, openEditor } from './helpers';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;

/** Names of the audio nodes drawn (partly) under the minimap or the view buttons. */
async function nodesUnderCorner(page: Page): Promise<string[]> {
  const corner = await page.evaluate(() =>
    ['.react-flow__minimap', '.react-flow__controls'].flatMap((sel) => {
      const el = document.querySelector(sel);
      return el === null ? [] : [el.getBoundingClientRect().toJSON() as Rect];
    }),
  );
  const nodes = await page.locator('.react-flow__node-mgAudio').evaluateAll((els) =>
    els.map((el) => ({ name: el.querySelector('.mg-node__name')?.textContent ?? '', rect: el.getBoundingClientRect().toJSON() as Rect })),
  );
  return nodes.filter((n) => corner.some((c) => overlaps(n.rect, c))).map((n) => n.name);
}

async function openPreset(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('menuitem').filter({ hasText: name }).click();
}

async function fitView(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Fit view' }).click();
  await page.waitForTimeout(400); // the fit animates over 200 ms
}

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
] as const) {
  test(`minimap: translucent, never over fitted nodes, hidden and shown again at ${width}×${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openEditor(page);
    const minimap = page.getByRole('img', { name: 'Mini map' }).locator('xpath=ancestor::*[contains(@class,"react-flow__minimap")][1]');
    await expect(minimap).toBeVisible();

    // Translucent: the graph under it shows through.
    const look = await minimap.evaluate((el) => ({ opacity: Number(getComputedStyle(el).opacity), background: getComputedStyle(el).backgroundColor }));
    console.log(`${width}×${height} minimap opacity ${look.opacity}, background ${look.background}`);
    const backgroundAlpha = Number(/rgba?\([^)]*,\s*([\d.]+)\)$/.exec(look.background)?.[1] ?? 1);
    expect(look.opacity * backgroundAlpha).toBeLessThan(0.75);

    // Fit view on the demo and on a small graph: no node under the map or the view buttons.
    await fitView(page);
    expect(await nodesUnderCorner(page)).toEqual([]);
    await openPreset(page, 'eq-teaching');
    await expect(page.locator('.toolbar__doc-name')).toHaveText('EQ teaching');
    await fitView(page);
    expect(await nodesUnderCorner(page)).toEqual([]);
    // A graph shaped like the canvas, whose master sits in the bottom-right corner of its bounds.
    const corner = {
      format: 'mixgraph',
      version: 1,
      name: 'Corner master',
      nodes: [
        { id: 'src', type: 'source', position: { x: 0, y: 0 }, params: { clip: 'demo:bass' } },
        { id: 'g', type: 'gain', position: { x: 700, y: 650 } },
        { id: 'out', type: 'output', position: { x: 1400, y: 1300 } },
      ],
      edges: [
        { id: 'a', from: { node: 'src', port: 'out' }, to: { node: 'g', port: 'in' } },
        { id: 'b', from: { node: 'g', port: 'out' }, to: { node: 'out', port: 'in' } },
      ],
    };
    await importFile(page, { name: 'corner.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(corner)) });
    await expect(page.locator('.toolbar__doc-name')).toHaveText('Corner master');
    await fitView(page);
    expect(await nodesUnderCorner(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/ux-minimap-fit-${width}x${height}.png` });

    // Hidden with one click; the choice survives a reload; shown again with one click.
    await page.getByRole('button', { name: 'Hide mini map' }).click();
    await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/ux-minimap-hidden-${width}x${height}.png` });
    await page.reload();
    await expect(page.locator('.react-flow__node-mgAudio').first()).toBeVisible();
    await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
    await fitView(page);
    expect(await nodesUnderCorner(page)).toEqual([]);
    await page.getByRole('button', { name: 'Show mini map' }).click();
    await expect(page.locator('.react-flow__minimap')).toBeVisible();
  });
}
