/**
 * The screenshots in docs/screenshots/, taken from the built app (copied there by hand after
 * looking at them): the editor with demo-mix as it opens (readable, on the channel strips, one
 * strip's face in the inspector), and the EQ inspector with its response plot (from the flat
 * demo, whose EQs are nodes of their own).
 */
import { expect, test } from '@playwright/test';
import { SHOTS, nodeNamed, openEditor, openFlatDemo } from './helpers';

test.use({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });

test('documentation screenshots', async ({ page }) => {
  await openEditor(page);
  // The opening view (no fit): what a newcomer sees first, with a channel strip in the inspector.
  await page.waitForTimeout(400);
  await nodeNamed(page, 'Lead strip').locator('.mg-node__name').click();
  await page.mouse.move(5, 5);
  await expect(page.locator('#inspector-heading')).toHaveText('Lead strip');
  await page.screenshot({ path: `${SHOTS}/docs-editor.png` });

  await openFlatDemo(page);
  await nodeNamed(page, 'Vocals EQ').locator('.mg-node__name').click();
  await expect(page.locator('#inspector-heading')).toHaveText('Vocals EQ');
  await page.mouse.move(5, 5);
  await page.getByRole('complementary', { name: 'Inspector' }).screenshot({ path: `${SHOTS}/docs-inspector-eq.png` });
});
