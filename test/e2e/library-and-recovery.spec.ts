import { expect, test } from '@playwright/test';
import { SHOTS, audioNodes, discardIfAsked, exportJson, newGraph, nodeNamed, openEditor, watchConsole } from './helpers';

test('save as preset, then list, rename, open and delete it in My presets', async ({ page }) => {
  const problems = watchConsole(page);
  await openEditor(page);
  await page.getByRole('button', { name: 'Save as preset' }).click();
  const prompt = page.getByRole('dialog', { name: 'Save as preset' });
  await prompt.getByRole('textbox', { name: 'Preset name' }).fill('My demo');
  await prompt.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('notice')).toContainText('Saved “My demo” to My presets.');
  await expect(page.locator('.toolbar__doc-name')).toHaveText('My demo');

  // Start a new graph; the preset menu lists the saved one.
  await newGraph(page);
  await page.getByRole('button', { name: 'Presets' }).click();
  await expect(page.getByRole('menuitem', { name: 'My demo' })).toBeVisible();
  await page.getByRole('menuitem', { name: 'Manage my presets…' }).click();
  const library = page.getByRole('dialog', { name: 'My presets' });
  await library.getByRole('button', { name: 'Rename My demo' }).click();
  await library.getByRole('textbox', { name: 'New name for My demo' }).fill('Teaching mix');
  await library.getByRole('button', { name: 'Save name', exact: true }).click();
  await expect(library.getByText('Teaching mix')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/07-library.png` });
  await library.getByRole('button', { name: 'Open' }).click();
  await discardIfAsked(page);
  await expect(nodeNamed(page, 'Drums strip')).toBeVisible();
  await expect(page.locator('.toolbar__doc-state')).toHaveText('my preset');

  // Delete it (with a confirmation inside the list).
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('menuitem', { name: 'Manage my presets…' }).click();
  await library.getByRole('button', { name: 'Delete Teaching mix' }).click();
  await library.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(library.getByText('No presets yet.')).toBeVisible();
  await library.getByRole('button', { name: 'Close' }).click();
  expect(problems).toEqual([]);
});

test('unsaved work is never discarded without asking', async ({ page }) => {
  await openEditor(page);
  await page.getByRole('button', { name: 'Add Bus' }).click();
  const count = await audioNodes(page).count();
  await page.getByRole('button', { name: 'New', exact: true }).click();
  const ask = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(audioNodes(page)).toHaveCount(count);
  // Opening a built-in preset asks too.
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('menuitem').first().click();
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Discard changes' }).click();
  await expect(ask).toBeHidden();
});

test('an autosave that no longer validates is opened as far as possible and kept for download', async ({ page }) => {
  const problems = watchConsole(page);
  const brokenDoc = {
    format: 'mixgraph',
    version: 1,
    name: 'Old session',
    nodes: [
      { id: 'vox', type: 'source', label: 'Vox', position: { x: 0, y: 0 }, params: { clip: 'demo:vocals' } },
      { id: 'fx', type: 'flanger', label: 'Flanger', position: { x: 240, y: 0 }, params: {} },
      { id: 'eq1', type: 'eq', label: 'Vox EQ', position: { x: 240, y: 120 }, params: { p1Gain: 80 } },
      { id: 'master', type: 'output', label: 'Master', position: { x: 480, y: 0 }, params: {} },
    ],
    edges: [
      { id: 'w1', from: { node: 'vox', port: 'out' }, to: { node: 'fx', port: 'in' } },
      { id: 'w2', from: { node: 'vox', port: 'out' }, to: { node: 'eq1', port: 'in' } },
      { id: 'w3', from: { node: 'eq1', port: 'out' }, to: { node: 'master', port: 'in' } },
    ],
  };
  const rawText = JSON.stringify(brokenDoc, null, 2);
  await page.addInitScript((text) => {
    if (sessionStorage.getItem('seeded') !== null) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem(
      'mixgraph.autosave.v1',
      JSON.stringify({ format: 'mixgraph-autosave', version: 1, savedAt: '2024-01-01T00:00:00Z', dirty: true, origin: { kind: 'file', name: 'old.json' }, text }),
    );
  }, rawText);
  await page.goto('/');
  const dialog = page.getByRole('alertdialog', { name: 'Your autosaved graph needed repair' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('flanger');
  await expect(dialog).toContainText('reset "eq1".p1Gain to its default');
  await page.screenshot({ path: `${SHOTS}/08-recovered-autosave.png` });
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download the original autosave' }).click()]);
  const { readFile } = await import('node:fs/promises');
  expect(await readFile(await download.path(), 'utf8')).toBe(rawText);
  await dialog.getByRole('button', { name: 'Continue' }).click();

  // What still validated is open.
  await expect(nodeNamed(page, 'Vox')).toBeVisible();
  await expect(nodeNamed(page, 'Vox EQ')).toBeVisible();
  await expect(nodeNamed(page, 'Flanger')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  const doc = JSON.parse((await exportJson(page)).text) as { name: string };
  expect(doc.name).toBe('Old session');

  // After a reload the repaired graph is the autosave, and the original stays downloadable.
  await page.reload();
  await expect(nodeNamed(page, 'Vox EQ')).toBeVisible();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('menuitem', { name: 'Manage my presets…' }).click();
  await expect(page.getByRole('list', { name: 'Recovered autosaves' }).getByRole('listitem')).toHaveCount(1);
  expect(problems).toEqual([]);
});
