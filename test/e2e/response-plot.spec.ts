/**
 * The EQ's interactive response plot. It needs the `eq` definition's `visual`
 * (`kind: 'frequencyResponse'`, `magnitudeDb`, band `handles`); the UI draws whatever the
 * definition provides and names no node type.
 */
import { expect, test } from '@playwright/test';
import { nodeNamed, openEditor, openFlatDemo, watchConsole } from './helpers';

test('the EQ response plot: dragging a band handle is one undo step; handles work from the keyboard', async ({ page }) => {
  const problems = watchConsole(page);
  await openEditor(page);
  await openFlatDemo(page); // an EQ of its own (the demo's EQs sit inside its channel-strip module)
  await nodeNamed(page, 'Vocals EQ').locator('.mg-node__name').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const handle = inspector.getByRole('slider', { name: 'Band 2 band' });
  const gain = inspector.getByRole('textbox', { name: 'Band 2 gain value' });
  const freq = inspector.getByRole('textbox', { name: 'Band 2 frequency value' });
  await expect(handle, 'the EQ inspector shows no response plot: does the eq definition have its visual?').toBeVisible({ timeout: 3000 });
  const before = { gain: await gain.inputValue(), freq: await freq.inputValue() };

  // Drag up and right in many small steps.
  const box = await handle.boundingBox();
  if (box === null) throw new Error('no handle');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(x + i * 4, y - i * 3);
  await page.mouse.up();
  await expect.poll(async () => Number(await gain.inputValue())).toBeGreaterThan(Number(before.gain) + 3);
  expect(Number(await freq.inputValue())).toBeGreaterThan(Number(before.freq));

  // One undo restores both values: the whole drag was one step.
  await page.keyboard.press('Control+z');
  await expect(gain).toHaveValue(before.gain);
  await expect(freq).toHaveValue(before.freq);

  // Keyboard: ↑ raises the band by 0.5 dB.
  await handle.focus();
  await page.keyboard.press('ArrowUp');
  await expect(gain).toHaveValue(String(Number(before.gain) + 0.5));
  expect(problems).toEqual([]);
});
