/**
 * Issue 11, item 1: every built-in preset opens readable (node labels rendered at 11 px or more)
 * at 1280×720 and 1440×900; group frames are selected from anywhere on their border; fit view is
 * one key (F) or one button away.
 */
import { type Page, expect, test } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { SHOTS, audioNodes, openEditor, presetItem } from './helpers';

// demo-mix first: it is what the editor opens with (`demo-mix-flat` sorts before it).
const PRESETS = [
  'demo-mix',
  ...readdirSync('presets')
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .filter((name) => name !== 'demo-mix'),
];

/** Zoom of the canvas viewport (React Flow draws it as a CSS transform). */
async function zoom(page: Page): Promise<number> {
  return page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
}

/** Rendered size of node labels, in screen pixels: their CSS font size times the zoom. */
async function renderedLabelPx(page: Page): Promise<number> {
  const css = await page.locator('.mg-node__name').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  return css * (await zoom(page));
}

/** Labels wholly inside the canvas pane. */
async function labelsOnScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('.react-flow__node-mgAudio .mg-node__name')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left >= pane.left && r.right <= pane.right && r.top >= pane.top && r.bottom <= pane.bottom;
      })
      .map((el) => el.textContent ?? '');
  });
}

/** Waits until the view stops moving (the opening view is set once the nodes are measured). */
async function settled(page: Page): Promise<void> {
  let previous = '';
  for (let i = 0; i < 20; i++) {
    const now = await page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
    if (now === previous) return;
    previous = now;
    await page.waitForTimeout(100);
  }
}

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
] as const) {
  test(`every preset opens with readable node labels at ${width}×${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openEditor(page);
    for (const name of PRESETS) {
      if (name !== 'demo-mix') {
        await page.getByRole('button', { name: 'Presets' }).click();
        await presetItem(page, name).click();
        const discard = page.getByRole('button', { name: 'Discard changes' });
        if (await discard.isVisible().catch(() => false)) await discard.click();
      }
      const preset = JSON.parse(readFileSync(`presets/${name}.json`, 'utf8')) as { name: string; nodes: unknown[] };
      await expect(page.locator('.toolbar__doc-name')).toHaveText(preset.name);
      await expect(audioNodes(page)).toHaveCount(preset.nodes.length);
      await settled(page);
      const px = await renderedLabelPx(page);
      const shown = await labelsOnScreen(page);
      console.log(`${width}×${height} ${name}: labels ${px.toFixed(2)} px, ${shown.length} nodes on screen (${shown.slice(0, 6).join(', ')}…)`);
      expect(px, `${name}: node labels render at ${px.toFixed(2)} px`).toBeGreaterThanOrEqual(11);
      // Readable and not empty: the view shows the graph's start (a source), not a corner of nothing.
      expect(shown.length, `${name}: nodes on screen`).toBeGreaterThanOrEqual(Math.min(3, await audioNodes(page).count()));
      await page.screenshot({ path: `${SHOTS}/ux-first-view-${name}-${width}x${height}.png` });
    }
  });
}

test('a group frame is selected from anywhere on its border, and F / the fit button show everything', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openEditor(page);
  await settled(page);

  // Fit view, one key away: the whole demo (27 nodes, five of them channel strips) on screen.
  await page.locator('.react-flow').focus();
  await page.keyboard.press('f');
  await settled(page);
  expect((await labelsOnScreen(page)).length).toBe(await audioNodes(page).count());

  // The frame's bottom and left border lines, far from its title bar, select the group.
  const frame = page.locator('.react-flow__node-mgGroup', { hasText: 'Master chain' });
  const box = (await frame.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 1);
  await expect(page.locator('#inspector-heading')).toHaveText(/Master chain/);
  await page.keyboard.press('Escape');
  await expect(page.locator('#inspector-heading')).toHaveText('Graph');
  await page.mouse.click(box.x + 1, box.y + box.height * 0.7);
  await expect(page.locator('#inspector-heading')).toHaveText(/Master chain/);
  await page.screenshot({ path: `${SHOTS}/ux-group-border-selected.png` });

  // Inside the frame stays click-through: clicking its empty middle selects nothing.
  await page.keyboard.press('Escape');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 6 * (await zoom(page)) - 8);
  await expect(page.locator('#inspector-heading')).toHaveText('Graph');

  // The fit button does what F does, from a zoomed-in view.
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await settled(page);
  await page.getByRole('button', { name: 'Fit view' }).click();
  await settled(page);
  expect((await labelsOnScreen(page)).length).toBe(await audioNodes(page).count());
});
