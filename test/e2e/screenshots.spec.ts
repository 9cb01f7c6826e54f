/**
 * The screenshots in docs/screenshots/, taken from the built app (copied there by hand after
 * looking at them): the editor with demo-mix, and the EQ inspector with its response plot.
 */
import { expect, test } from '@playwright/test';
import { SHOTS, nodeNamed, openEditor } from './helpers';

test.use({ viewport: { width: 1600, height: 960 }, deviceScaleFactor: 1 });

test('documentation screenshots', async ({ page }) => {
  await openEditor(page);
  // Frame the channel strips and sends, readable, with a compressor in the inspector.
  await nodeNamed(page, 'Keys').locator('.mg-node__name').click();
  await nodeNamed(page, 'Delay send').locator('.mg-node__name').click({ modifiers: ['Shift'] });
  await page.locator('.react-flow').focus();
  await page.keyboard.press('f');
  await page.waitForTimeout(400);
  await nodeNamed(page, 'Lead comp').locator('.mg-node__name').click();
  await page.mouse.move(5, 5);
  await expect(page.locator('#inspector-heading')).toHaveText('Lead comp');
  await page.screenshot({ path: `${SHOTS}/docs-editor.png` });

  await nodeNamed(page, 'Vocals EQ').locator('.mg-node__name').click();
  await expect(page.locator('#inspector-heading')).toHaveText('Vocals EQ');
  await page.mouse.move(5, 5);
  await page.getByRole('complementary', { name: 'Inspector' }).screenshot({ path: `${SHOTS}/docs-inspector-eq.png` });
});
