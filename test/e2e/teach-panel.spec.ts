/**
 * Issue 16 in the editor, as a teacher and a student use it: snapshots A and B switched while
 * playing with "What changed" and the level match; a built-in lesson stepped through while playing
 * until its check ticks, with locked params and a lesson link; an ear-training question answered
 * by clicking the EQ plot.
 */
import { type Page, expect, test } from '@playwright/test';
import { abxHidden, generateQuestion } from '../../src/teaching/earTraining';
import { SHOTS, discardIfAsked, nodeNamed, openEditor, watchConsole } from './helpers';
import { dropFiles, sineWav } from './ux2-helpers';

const openTeach = async (page: Page, tab: 'Snapshots' | 'Lesson' | 'Ear training') => {
  await page.locator('.teach__title').click();
  await page.getByRole('tab', { name: tab }).click();
};

async function setParam(page: Page, node: string, label: RegExp, value: string): Promise<void> {
  await nodeNamed(page, node).click();
  const field = page.getByRole('textbox', { name: label }).first();
  await field.fill(value);
  await field.press('Enter');
}

test('snapshots A and B: stored, switched while playing, "what changed" in words, level-matched on request', async ({ page }) => {
  // Each slot is listened to for 6.5 s twice: about 25 s on a quiet machine, more on a busy one.
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  // The default demo: the vocals' threshold is a promoted param of its channel strip instance.
  await openEditor(page, '/?test');
  await openTeach(page, 'Snapshots');
  await page.getByRole('button', { name: 'Snapshot A (empty)' }).click();
  await setParam(page, 'Vocals strip', /Threshold/, '-40');
  await setParam(page, 'Mix bus', /Gain/, '2');
  await page.getByRole('button', { name: 'Snapshot B (empty)' }).click();
  await page.getByRole('combobox', { name: 'Compare from' }).selectOption('A');
  await page.getByRole('combobox', { name: 'Compare to' }).selectOption('B');
  await expect(page.getByRole('list', { name: 'What changed' }).getByRole('listitem')).toHaveText([
    'Vocals strip: Threshold \u221228 dB → \u221240 dB',
    'Mix bus: Gain \u22124 dB → 2 dB',
  ]);
  // The same two changes separate the built-in preset from the mix as it is now.
  await page.getByRole('combobox', { name: 'Compare from' }).selectOption('preset:demo-mix');
  await page.getByRole('combobox', { name: 'Compare to' }).selectOption('current');
  await expect(page.getByRole('list', { name: 'What changed' }).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('combobox', { name: 'Compare from' }).selectOption('A');
  await page.getByRole('combobox', { name: 'Compare to' }).selectOption('B');
  // The changed nodes are outlined on the canvas.
  await expect(nodeNamed(page, 'Vocals strip')).toHaveCSS('outline-style', 'solid');
  await expect(nodeNamed(page, 'Drums')).not.toHaveCSS('outline-style', 'solid');

  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Space');
  await page.getByRole('checkbox', { name: /Level-match/ }).check();
  // Each slot is heard (and measured) for a while; B is 6 dB louder at the mix bus.
  await page.getByRole('button', { name: 'Snapshot A: Snapshot A' }).click();
  await page.waitForTimeout(6500);
  await page.getByRole('button', { name: 'Snapshot B: Snapshot B' }).click();
  await page.waitForTimeout(6500);
  // Switching back and forth while playing: the sound never stops.
  const heardAcrossSwitch = page.evaluate(() => window.__mixgraphTest!.record(2, 'speakers'));
  await page.waitForTimeout(500);
  await page.getByRole('button', { name: 'Snapshot A: Snapshot A' }).click();
  await page.waitForTimeout(500);
  await page.getByRole('button', { name: 'Snapshot B: Snapshot B' }).click();
  const levels = await heardAcrossSwitch;
  expect(levels.playingThroughout).toBe(true);
  expect(levels.longestSilenceSeconds).toBeLessThan(0.05);
  // B measured about 6 dB louder than A (the mix bus moved by 6 dB; the glue compressor and the
  // limiter take some of it): the speakers are trimmed down by that much.
  const label = await page.getByRole('checkbox', { name: /Level-match/ }).locator('..').innerText();
  const trim = Number(/\(([+\u2212])(\d+\.\d) dB\)/.exec(label)!.slice(1, 3).join('').replace('\u2212', '-'));
  console.log(`level match: B trimmed by ${trim} dB`);
  expect(trim).toBeLessThan(-2);
  expect(trim).toBeGreaterThan(-7);
  await page.screenshot({ path: `${SHOTS}/teach-snapshots.png` });
  expect(problems).toEqual([]);
});

test('a built-in lesson: locked params, a check that ticks while playing, Next; and a lesson link opens it', async ({ page, browser }) => {
  const problems = watchConsole(page);
  await openEditor(page, '/?test');
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('menuitem', { name: /Gain staging/ }).click();
  await discardIfAsked(page);
  const lesson = page.getByLabel('Lesson', { exact: true });
  await expect(lesson.getByRole('heading', { name: 'Follow the level' })).toBeVisible();
  await lesson.getByRole('button', { name: 'Next' }).click();
  await expect(lesson.getByRole('heading', { name: 'Too hot into the chain' })).toBeVisible();
  // The step's settings loaded: the premaster is 12 dB hot; only its gain may change.
  await nodeNamed(page, 'Glue compressor').click();
  await expect(page.locator('fieldset.param-lock').first().locator('input').first()).toBeDisabled();
  await page.keyboard.press('Space');
  const check = lesson.locator('.teach__check-line');
  await expect(check).toHaveAttribute('data-passed', 'false');
  await page.waitForTimeout(3000);
  await expect(check).toHaveAttribute('data-passed', 'false');
  await setParam(page, 'Premaster mix', /Gain/, '-8');
  await expect(check).toHaveAttribute('data-passed', 'true', { timeout: 15_000 });
  await page.screenshot({ path: `${SHOTS}/teach-lesson.png` });

  const student = await browser.newPage();
  const studentProblems = watchConsole(student);
  await student.goto('/#lesson=parallel-compression');
  await expect(student.getByLabel('Lesson', { exact: true }).getByRole('heading', { name: 'Two paths' })).toBeVisible();
  await expect(student.getByText('Step 1 of 3')).toBeVisible();
  expect([...problems, ...studentProblems]).toEqual([]);
});

test('ear training: "Which band?" answered by clicking the EQ plot, ABX on two snapshots, scored', async ({ page }) => {
  // Every version is an offline render of 8 s (the ABX one of the whole demo mix).
  test.setTimeout(150_000);
  const problems = watchConsole(page);
  await openEditor(page, '/?test');
  await openTeach(page, 'Ear training');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('button', { name: '▶ Processed' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: '▶ Processed' }).click();
  // The question is seeded: the test knows the band from the same generator, not from the page.
  const question = generateQuestion('which-band', 'class', 0, 1);
  const plot = page.getByRole('img', { name: /EQ plot/ });
  const box = (await plot.boundingBox())!;
  const x = (Math.log(question.band!.hz / 20) / Math.log(1000)) * box.width;
  await page.mouse.click(box.x + x, box.y + box.height / 2);
  await expect(page.getByLabel('Ear training', { exact: true }).getByRole('status')).toContainText('Right!');
  await expect(page.getByLabel('Score')).toHaveText('Score 1/1 · streak 1 · best 1');
  await page.screenshot({ path: `${SHOTS}/teach-ear-training.png` });
  // A dropped file is a source for the exercises too.
  await dropFiles(page, [{ name: 'my take.wav', type: 'audio/wav', bytes: [...sineWav(1)] }]);
  await expect(page.getByRole('combobox', { name: 'Source' }).locator('option', { hasText: 'my_take.wav' })).toHaveCount(1);

  // ABX on two snapshots: A dry vocal, B with the reverb send 12 dB up.
  await page.getByRole('tab', { name: 'Snapshots' }).click();
  await page.getByRole('button', { name: 'Snapshot A (empty)' }).click();
  await setParam(page, 'Vocals → reverb', /Gain/, '2');
  await page.getByRole('button', { name: 'Snapshot B (empty)' }).click();
  await page.getByRole('tab', { name: 'Ear training' }).click();
  await page.getByRole('combobox', { name: 'Exercise' }).selectOption('abx');
  const abx = page.getByLabel('ABX', { exact: true });
  await abx.getByRole('button', { name: 'Start' }).click();
  await expect(abx.getByRole('button', { name: '▶ X' })).toBeVisible({ timeout: 60_000 });
  await abx.getByRole('button', { name: '▶ X' }).click();
  await abx.getByRole('button', { name: `X is ${abxHidden('class', 0)}` }).click();
  await expect(abx.getByRole('status')).toHaveText(`Right! X was ${abxHidden('class', 0)}.`);
  await expect(page.getByLabel('ABX score')).toHaveText('Score 1/1 · streak 1 · best 1');
  expect(problems).toEqual([]);
});
