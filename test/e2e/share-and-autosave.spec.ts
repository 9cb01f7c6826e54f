import { expect, test } from '@playwright/test';
import { SHOTS, audioNodes, exportJson, nodeNamed, openEditor, watchConsole } from './helpers';

test('a share link opens the same graph in a fresh browser', async ({ page, browser }) => {
  const problems = watchConsole(page);
  await openEditor(page);
  // Make the graph differ from the preset, so the link must carry the edit.
  await nodeNamed(page, 'Bass').locator('.mg-node__name').click();
  const label = page.getByRole('complementary', { name: 'Inspector' }).getByRole('textbox', { name: 'Label' });
  await label.fill('Bass DI');
  await label.press('Enter');
  await expect(nodeNamed(page, 'Bass DI')).toBeVisible();
  const original = await exportJson(page);

  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share link' });
  const url = await dialog.getByRole('textbox').inputValue();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#g=[A-Za-z0-9_-]+$/);
  await page.screenshot({ path: `${SHOTS}/06-share-dialog.png` });

  // A different user: a fresh context with no stored data.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const otherProblems = watchConsole(other);
  await other.goto(url);
  await expect(nodeNamed(other, 'Bass DI')).toBeVisible();
  await expect(audioNodes(other)).toHaveCount(await audioNodes(page).count());
  // The link is consumed: the address bar no longer carries it.
  await expect.poll(() => new URL(other.url()).hash).toBe('');
  const opened = await exportJson(other);
  expect(opened.text).toBe(original.text);

  // A damaged link shows the reason and opens the usual graph instead.
  const broken = await fresh.newPage();
  await broken.goto(`${url.slice(0, url.indexOf('#g=') + 3)}AAAA${url.slice(url.indexOf('#g=') + 20, url.indexOf('#g=') + 60)}`);
  const error = broken.getByRole('alertdialog', { name: 'Could not open the shared link' });
  await expect(error).toBeVisible();
  await expect(error).toContainText('share link:');
  await error.getByRole('button', { name: 'Close' }).click();
  await expect(audioNodes(broken).first()).toBeVisible();
  await fresh.close();
  expect(problems).toEqual([]);
  expect(otherProblems).toEqual([]);
});

test('the working graph is autosaved and restored after a reload', async ({ page }) => {
  await openEditor(page);
  const count = await audioNodes(page).count();
  await page.getByRole('button', { name: 'Add Limiter' }).click();
  await expect(audioNodes(page)).toHaveCount(count + 1);
  await expect(page.getByTestId('autosave-status')).toContainText('Autosaved');
  const before = await exportJson(page);
  // Another edit right before the reload: the pending save is flushed when the page hides.
  await nodeNamed(page, 'Limiter').locator('.mg-node__name').click();
  const label = page.getByRole('complementary', { name: 'Inspector' }).getByRole('textbox', { name: 'Label' });
  await label.fill('Safety limiter');
  await label.press('Enter');
  await page.reload();
  await expect(nodeNamed(page, 'Safety limiter')).toBeVisible();
  await expect(audioNodes(page)).toHaveCount(count + 1);
  await expect(page.locator('.toolbar__doc-state')).toContainText('Unsaved changes');
  const after = JSON.parse((await exportJson(page)).text) as { nodes: { label?: string }[] };
  expect(after.nodes.filter((n) => n.label === 'Safety limiter')).toHaveLength(1);
  expect(JSON.parse(before.text).nodes).toHaveLength(after.nodes.length);
});
