/**
 * Issue 10.4: a 5 000-node share link opens and a node can be selected (and the selection shows
 * in the inspector); a link at the parser's limit (20 000) is refused with a message instead. The timeout is generous on purpose: `npm run bench:ui` measures the speed;
 * this test only shows the editor stays usable instead of freezing.
 */
import { expect, test } from '@playwright/test';
import { largeGraph } from '../../bench/ui/largeGraph';
import { serializeGraph } from '../../src/graph/serialize';
import { shareUrl } from '../../src/graph/shareLink';
import { MAX_NODES } from '../../src/graph/validateNodes';
import { EDITOR_MAX_NODES } from '../../src/ui/config';
import { watchConsole } from './helpers';

test('a 5 000-node share link opens and a node can be selected', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  const graph = largeGraph(5000);
  await page.goto(shareUrl(`${baseURL}/`, graph), { timeout: 120_000 });
  await expect(page.locator('.toolbar__doc-name')).toHaveText('Large graph 5000', { timeout: 120_000 });
  // Only what is in view is mounted: take a node there (fitted, the view shows the middle chains).
  const anyNode = page.locator('.react-flow__node-mgAudio[data-id^="c"]').nth(5);
  await expect(anyNode).toBeVisible({ timeout: 60_000 });
  const id = (await anyNode.getAttribute('data-id'))!;
  const label = graph.nodes.find((n) => n.id === id)!.label!;
  const node = page.locator(`.react-flow__node[data-id="${id}"]`);
  await node.locator('.mg-node__name').click({ timeout: 60_000 });
  await expect(node).toHaveClass(/selected/, { timeout: 60_000 });
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText(label, { timeout: 60_000 });
  await page.screenshot({ path: 'test-results/screens/perf-large-graph-5000.png' });
  expect(problems).toEqual([]);
});

test('a share link above the editor’s limit is refused with the count, the limit and the CLI, never opened', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  await page.goto(shareUrl(`${baseURL}/`, largeGraph(MAX_NODES)), { timeout: 60_000 });
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('The shared graph is too large for the editor', { timeout: 60_000 });
  await expect(dialog).toContainText(`This graph has 20,000 nodes; the editor handles up to ${EDITOR_MAX_NODES.toLocaleString('en-US')}.`);
  await expect(dialog).toContainText('npx mixgraph render');
  await page.screenshot({ path: 'test-results/screens/perf-large-graph-refused.png' });
  // The file for the CLI is one click away, and the document that was open stays open.
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download it for the command line' }).click();
  expect((await download).suggestedFilename()).toBe('large-graph-20000.json');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.toolbar__doc-name')).toHaveText('Demo mix');
  await expect(page.locator('.react-flow__node-mgAudio').first()).toBeVisible();
  expect(problems).toEqual([]);
});

test('an autosave above the limit (written before it existed) is kept and explained, not opened', async ({ page }) => {
  test.setTimeout(120_000);
  const text = serializeGraph(largeGraph(EDITOR_MAX_NODES + 1));
  const record = { format: 'mixgraph-autosave', version: 1, savedAt: new Date().toISOString(), dirty: true, origin: { kind: 'link', name: 'big' }, text };
  await page.addInitScript((value) => {
    if (sessionStorage.getItem('seeded') === null) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('mixgraph.autosave.v1', value);
    }
  }, JSON.stringify(record));
  await page.goto('/', { timeout: 60_000 });
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(`This graph has ${(EDITOR_MAX_NODES + 1).toLocaleString('en-US')} nodes; the editor handles up to`, { timeout: 60_000 });
  await expect(dialog).toContainText('The original text is kept');
  await expect(dialog.getByRole('button', { name: 'Download the original autosave' })).toBeVisible();
  await expect(page.locator('.toolbar__doc-name')).toHaveText('Untitled');
});
