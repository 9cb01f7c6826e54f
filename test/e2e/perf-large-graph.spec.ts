/**
 * Issue 10.4: a 5 000-node share link opens and a node can be selected (and the selection shows
 * in the inspector). The timeout is generous on purpose: `npm run bench:ui` measures the speed;
 * this test only shows the editor stays usable instead of freezing.
 */
import { expect, test } from '@playwright/test';
import { largeGraph } from '../../bench/ui/largeGraph';
import { shareUrl } from '../../src/graph/shareLink';
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
