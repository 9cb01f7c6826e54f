import { expect, test } from '@playwright/test';
import { SHOTS, nodeNamed, openEditor, watchConsole } from './helpers';
import { SIZES, dropFiles, sineWav } from './ux2-helpers';

for (const size of SIZES) {
  test(`a source's clip is picked from the demo stems and the dropped files (${size.width}×${size.height})`, async ({ page }) => {
    await page.setViewportSize(size);
    const problems = watchConsole(page);
    await openEditor(page);
    const inspector = page.getByRole('complementary', { name: 'Inspector' });

    // A dropped file becomes a choice for every source in the document.
    await dropFiles(page, [{ name: 'my take.wav', type: 'audio/wav', bytes: [...sineWav(1)] }]);
    await expect(nodeNamed(page, 'my take')).toHaveCount(1);

    await nodeNamed(page, 'Bass').locator('.mg-node__name').click();
    const picker = inspector.getByRole('combobox', { name: 'Clip: pick' });
    await expect(picker).toHaveValue('demo:bass');
    const options = await picker.locator('option').allTextContents();
    expect(options).toEqual(['demo:drums', 'demo:bass', 'demo:keys', 'demo:lead', 'demo:vocals', 'demo:vocals-offkey', 'file:my_take.wav']);

    await picker.selectOption('demo:keys');
    await expect(nodeNamed(page, 'Bass')).toContainText('demo:keys');
    await picker.selectOption('file:my_take.wav');
    await expect(nodeNamed(page, 'Bass')).toContainText('file:my_take.wav');
    await picker.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/ux2-clip-picker-${size.width}.png` });

    // Typing stays possible, with the importer's refusal for a bad value.
    const typed = inspector.getByRole('textbox', { name: 'Clip' });
    await typed.fill('demo:choir');
    await typed.press('Enter');
    await expect(inspector.getByRole('alert')).toContainText('demo stem');
    await typed.fill('file:later.wav');
    await typed.press('Enter');
    await expect(nodeNamed(page, 'Bass')).toContainText('file:later.wav');
    await expect(picker).toHaveValue('file:later.wav');

    // One undo step per pick.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect(nodeNamed(page, 'Bass')).toContainText('demo:keys');
    expect(problems).toEqual([]);
  });
}
