import { expect, test } from '@playwright/test';
import { SHOTS, nodeNamed, openEditor, watchConsole } from './helpers';

// On the demo's drums channel strip: its low shelf gain is a promoted param of the strip's EQ, on
// the instance's face with the inner param's range, unit and slider scale.
test('change a param by slider and by typing; undo and redo each', async ({ page }) => {
  const problems = watchConsole(page);
  await openEditor(page);
  await nodeNamed(page, 'Drums strip').locator('.mg-node__name').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { name: 'Drums strip' })).toBeVisible();

  const field = inspector.getByRole('textbox', { name: 'Low shelf gain value' });
  const slider = inspector.getByRole('slider', { name: 'Low shelf gain' });
  const before = await field.inputValue();

  // Slider: click three quarters along a −24…+24 dB slider → about +12 dB.
  const box = await slider.boundingBox();
  if (box === null) throw new Error('slider not laid out');
  await slider.click({ position: { x: box.width * 0.75, y: box.height / 2 } });
  await expect(field).not.toHaveValue(before);
  const bySlider = Number(await field.inputValue());
  expect(bySlider).toBeGreaterThan(9);
  expect(bySlider).toBeLessThan(15);

  // Undo and redo the slider move (one step), from the keyboard.
  await page.keyboard.press('Control+z');
  await expect(field).toHaveValue(before);
  await page.keyboard.press('Control+Shift+z');
  await expect(field).toHaveValue(String(bySlider));

  // Typing: a value out of range is refused with a message and changes nothing.
  await field.fill('40');
  await field.press('Enter');
  await expect(inspector.getByRole('alert')).toContainText('Out of range: 40 is above the maximum 24 dB');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: `${SHOTS}/03-out-of-range.png` });
  await field.press('Escape');
  await expect(field).toHaveValue(String(bySlider));

  // An accepted typed value, with its unit.
  await field.fill('-6.5 dB');
  await field.press('Enter');
  await expect(field).toHaveValue('-6.5');
  await expect(inspector.getByText('−6.5 dB', { exact: true })).toBeVisible();

  // Undo and redo the typed edit from the toolbar.
  await page.getByRole('button', { name: /^Undo Set Drums strip/ }).click();
  await expect(field).toHaveValue(String(bySlider));
  await page.getByRole('button', { name: /^Redo Set Drums strip/ }).click();
  await expect(field).toHaveValue('-6.5');

  // Reset to default.
  await inspector.getByRole('button', { name: /^Reset Low shelf gain/ }).click();
  await expect(field).toHaveValue('0');
  expect(problems).toEqual([]);
});
