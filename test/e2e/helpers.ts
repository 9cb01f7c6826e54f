/**
 * Shared steps for the editor's end-to-end tests: they drive the built app in Debian's Chromium
 * the way a new user would (fresh browser context, no stored data).
 */
import { type Download, type Locator, type Page, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** Where screenshots go (inside Playwright's output folder, cleaned at each run). */
export const SHOTS = 'test-results/screens';

/** Fails the test on any console error or uncaught exception in the page. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    // index.html names its icon, so even a favicon 404 counts as an error.
    if (msg.type() === 'error') {
      problems.push(msg.text());
    }
  });
  page.on('pageerror', (err) => problems.push(String(err)));
  return problems;
}

/** Opens the editor and waits until the graph is on the canvas. */
export async function openEditor(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.locator('.react-flow__node-mgAudio').first()).toBeVisible();
}

/** The canvas node whose name (label) is `name`. */
export function nodeNamed(page: Page, name: string): Locator {
  return page.locator('.react-flow__node-mgAudio').filter({ has: page.locator('.mg-node__name', { hasText: new RegExp(`^${name}$`) }) });
}

export function audioNodes(page: Page): Locator {
  return page.locator('.react-flow__node-mgAudio');
}

/** A port handle of a node: `side` is 'in' or 'out'. */
export function handleOf(node: Locator, side: 'in' | 'out', port: string): Locator {
  return node.locator(`[data-handleid="${side}:${port}"]`);
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error('element has no box');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags with the mouse from one element's centre to another's (or to a point). */
export async function dragBetween(page: Page, from: Locator, to: Locator | { x: number; y: number }): Promise<void> {
  const a = await centre(from);
  const b = 'x' in to ? to : await centre(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(a.x + (b.x - a.x) / 3, a.y + (b.y - a.y) / 3, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 10 });
  await page.mouse.up();
}

/** Clicks Export and returns the downloaded JSON text. */
export async function exportJson(page: Page): Promise<{ text: string; download: Download }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  const path = await download.path();
  return { text: await readFile(path, 'utf8'), download };
}

/** Imports a file as the new document through the Import menu's file picker. */
export async function importFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer } | string): Promise<void> {
  await page.getByRole('button', { name: 'Import' }).click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('menuitem', { name: 'Open file as new document…' }).click()]);
  await chooser.setFiles(file);
}

/** Answers the "discard unsaved changes?" question if it appears. */
export async function discardIfAsked(page: Page): Promise<void> {
  const discard = page.getByRole('button', { name: 'Discard changes' });
  if (await discard.isVisible().catch(() => false)) await discard.click();
}

/** Starts a new, empty graph (only the master output). */
export async function newGraph(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await discardIfAsked(page);
  await expect(audioNodes(page)).toHaveCount(1);
}

/**
 * Opens a built-in preset from the Presets menu by its file name (`demo-mix-flat`), matched
 * exactly on the item's hint, and waits until it is the document.
 */
export async function openPreset(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Presets' }).click();
  await presetItem(page, name).click();
  await discardIfAsked(page);
  const doc = JSON.parse(await readFile(`presets/${name}.json`, 'utf8')) as { name: string; nodes: unknown[] };
  await expect(page.locator('.toolbar__doc-name')).toHaveText(doc.name);
  await expect(audioNodes(page)).toHaveCount(doc.nodes.length);
}

/** The Presets menu's item for the built-in preset `name` (its hint is the file name). */
export function presetItem(page: Page, name: string): Locator {
  return page.getByRole('menuitem').filter({ has: page.locator('.menu__hint', { hasText: new RegExp(`^${name}$`) }) });
}

/**
 * The demo mix with every EQ and compressor a node of its own ("Vocals comp"): for tests of
 * features other than modules that need one track's processor alone (the default `demo-mix`
 * builds its strips from one module).
 */
export async function openFlatDemo(page: Page): Promise<void> {
  await openPreset(page, 'demo-mix-flat');
}
