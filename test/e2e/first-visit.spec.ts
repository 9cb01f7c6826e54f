import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { SHOTS, audioNodes, openEditor, presetItem, watchConsole } from './helpers';

/** The preset as shipped: what a first visit must show. */
const demo = JSON.parse(readFileSync('presets/demo-mix.json', 'utf8')) as {
  name: string;
  nodes: { type: string }[];
  edges: unknown[];
  notes?: unknown[];
  groups?: unknown[];
};

test('a first visit opens demo-mix, valid, with palette, canvas, inspector and status bar', async ({ page }) => {
  const problems = watchConsole(page);
  await openEditor(page);
  await expect(page.locator('.toolbar__doc-name')).toHaveText(demo.name);
  await expect(audioNodes(page)).toHaveCount(demo.nodes.length);
  await expect(page.locator('.react-flow__edge')).toHaveCount(demo.edges.length);
  await expect(page.locator('.react-flow__node-mgNote')).toHaveCount(demo.notes?.length ?? 0);
  await expect(page.locator('.react-flow__node-mgGroup')).toHaveCount(demo.groups?.length ?? 0);
  // Issue 14: the demo's tracks run through five instances of one channel-strip module.
  await expect(page.locator('.mg-node[data-node-type="module"]')).toHaveCount(5);
  expect(demo.nodes.filter((n) => n.type === 'module')).toHaveLength(5);
  await expect(page.getByRole('navigation', { name: 'Node palette' })).toBeVisible();
  for (const category of ['Sources', 'Mixing', 'EQ', 'Output']) {
    await expect(page.getByRole('heading', { name: category, exact: true })).toBeVisible();
  }
  await expect(page.locator('.statusbar__summary')).toHaveText('Valid graph');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/01-first-visit.png` });
  expect(problems).toEqual([]);
});

test('every built-in preset opens from the Presets menu, valid and without errors', async ({ page }) => {
  const problems = watchConsole(page);
  await openEditor(page);
  await page.getByRole('button', { name: 'Presets' }).click();
  const hints = await page.locator('.menu__item .menu__hint').allInnerTexts();
  await page.keyboard.press('Escape');
  expect(hints).toContain('demo-mix');
  for (const name of hints) {
    await page.getByRole('button', { name: 'Presets' }).click();
    await presetItem(page, name).click();
    const preset = JSON.parse(readFileSync(`presets/${name}.json`, 'utf8')) as { name: string; nodes: unknown[] };
    await expect(page.locator('.toolbar__doc-name')).toHaveText(preset.name);
    await expect(audioNodes(page)).toHaveCount(preset.nodes.length);
    await expect(page.locator('.statusbar__summary')).not.toContainText('error');
  }
  await page.screenshot({ path: `${SHOTS}/09-last-preset.png` });
  expect(problems).toEqual([]);
});
