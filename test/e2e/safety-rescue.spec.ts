/**
 * Issue 10.2: a large broken autosave is never lost. Its raw text is kept in IndexedDB and read
 * back before the autosave slot is written again; when it cannot be kept, the dialog says so and
 * offers the download, and the slot stays untouched until the user has chosen.
 */
import { type Page, expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { nodeNamed, watchConsole } from './helpers';

const SLOT = 'mixgraph.autosave.v1';
const CLIP_CHARS = 4_000_000;

/** A document that fails validation only because one param is 4 M characters long. */
function brokenDocumentText(): string {
  const doc = {
    format: 'mixgraph',
    version: 1,
    name: 'Huge session',
    nodes: [
      { id: 'vox', type: 'source', label: 'Vox', position: { x: 0, y: 0 }, params: { clip: 'x'.repeat(CLIP_CHARS) } },
      { id: 'master', type: 'output', label: 'Master', position: { x: 320, y: 0 }, params: {} },
    ],
    edges: [{ id: 'w1', from: { node: 'vox', port: 'out' }, to: { node: 'master', port: 'in' } }],
  };
  return JSON.stringify(doc);
}

/** Puts `text` in the autosave slot from a blank page of the same origin (the editor never runs). */
async function seedSlot(page: Page, text: string): Promise<void> {
  await page.route('**/seed', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' }));
  await page.goto('/seed');
  await page.evaluate(
    ([key, text]) =>
      localStorage.setItem(key, JSON.stringify({ format: 'mixgraph-autosave', version: 1, savedAt: '2024-01-01T00:00:00Z', dirty: true, origin: { kind: 'file', name: 'huge.json' }, text })),
    [SLOT, text] as const,
  );
}

/** The text inside the autosave record in the slot (or the raw value when it is not a record). */
async function slotText(page: Page): Promise<string | null> {
  return page.evaluate((key) => {
    const raw = localStorage.getItem(key);
    if (raw === null) return null;
    try {
      return (JSON.parse(raw) as { text: string }).text;
    } catch {
      return raw;
    }
  }, SLOT);
}

test('a 4 M-character broken autosave is kept in IndexedDB before the slot is written again', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  const original = brokenDocumentText();
  await seedSlot(page, original);
  // Records, in page time, when each IndexedDB transaction completes and when the slot is written.
  await page.addInitScript((key) => {
    const log: { what: string; at: number }[] = [];
    (window as unknown as { __log: typeof log }).__log = log;
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof transaction>) {
      const tx = transaction.apply(this, args);
      const what = `idb:${this.name}:${[...tx.objectStoreNames].join(',')}:${tx.mode}`;
      tx.addEventListener('complete', () => log.push({ what, at: performance.now() }));
      return tx;
    } as typeof transaction;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, k: string, v: string) {
      if (k === key) log.push({ what: 'slot', at: performance.now() });
      setItem.call(this, k, v);
    };
  }, SLOT);
  await page.goto('/');

  const dialog = page.getByRole('alertdialog', { name: 'Your autosaved graph needed repair' });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog).toContainText('The original text is kept');
  await expect(dialog).not.toContainText('could not be kept');
  // What validates is open: the clip went back to its default.
  await expect(nodeNamed(page, 'Vox')).toBeVisible();

  // The copy in IndexedDB is the whole text.
  const stored = await page.evaluate(
    () =>
      new Promise<{ count: number; length: number }>((resolve, reject) => {
        const open = indexedDB.open('mixgraph-rescue');
        open.onerror = () => reject(open.error);
        open.onupgradeneeded = () => resolve({ count: 0, length: 0 }); // no rescue database at all
        open.onsuccess = () => {
          const all = open.result.transaction('autosaves', 'readonly').objectStore('autosaves').getAll();
          all.onsuccess = () => resolve({ count: all.result.length, length: (all.result[0] as { text: string }).text.length });
          all.onerror = () => reject(all.error);
        };
      }),
  );
  expect(stored.count).toBe(1);
  expect(stored.length).toBe(original.length);

  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download the original autosave' }).click()]);
  expect(await readFile(await download.path(), 'utf8')).toBe(original);
  await dialog.getByRole('button', { name: 'Continue' }).click();

  // The slot gets the repaired graph, and only after the rescue was written and read back.
  await expect.poll(async () => (await slotText(page))?.length ?? 0, { timeout: 10_000 }).toBeLessThan(10_000);
  const log = await page.evaluate(() => (window as unknown as { __log: { what: string; at: number }[] }).__log);
  const firstSlotWrite = log.find((e) => e.what === 'slot');
  const readBack = log.find((e) => e.what === 'idb:mixgraph-rescue:autosaves:readonly');
  const written = log.find((e) => e.what === 'idb:mixgraph-rescue:autosaves:readwrite');
  expect(written, JSON.stringify(log)).toBeDefined();
  expect(readBack, JSON.stringify(log)).toBeDefined();
  expect(firstSlotWrite, JSON.stringify(log)).toBeDefined();
  expect(readBack!.at).toBeGreaterThan(written!.at);
  expect(firstSlotWrite!.at).toBeGreaterThan(readBack!.at);

  // After a reload the rescued original is listed and downloads whole.
  await page.reload();
  await expect(nodeNamed(page, 'Vox')).toBeVisible();
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('menuitem', { name: 'Manage my presets…' }).click();
  const list = page.getByRole('list', { name: 'Recovered autosaves' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  const [again] = await Promise.all([page.waitForEvent('download'), list.getByRole('button', { name: 'Download' }).click()]);
  expect(await readFile(await again.path(), 'utf8')).toBe(original);
  expect(problems).toEqual([]);
});

test('when IndexedDB fails, the dialog says the autosave could not be kept and the slot waits for the download', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  const original = brokenDocumentText();
  await seedSlot(page, original);
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      throw new DOMException('storage is switched off for this test', 'UnknownError');
    };
  });
  await page.goto('/');

  const dialog = page.getByRole('alertdialog', { name: 'Your autosaved graph needed repair' });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog).toContainText('The original text could not be kept');
  await expect(dialog).toContainText('storage is switched off for this test');
  await expect(dialog).not.toContainText('The original text is kept');
  await page.screenshot({ path: 'test-results/screens/safety-rescue-not-kept.png' });

  // Well past the autosave delay, the slot still holds the original.
  await page.waitForTimeout(1500);
  expect(await slotText(page)).toBe(original);
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download the original autosave' }).click()]);
  expect(await readFile(await download.path(), 'utf8')).toBe(original);
  expect(await slotText(page)).toBe(original);

  // Only once the user goes on is the slot free for the repaired graph.
  await dialog.getByRole('button', { name: 'Continue without keeping it' }).click();
  await expect.poll(async () => (await slotText(page))?.length ?? 0, { timeout: 10_000 }).toBeLessThan(10_000);
  expect(problems).toEqual([]);
});
