import { type Page, expect, test } from '@playwright/test';
import { SHOTS, exportJson, importFile, nodeNamed, openEditor, watchConsole } from './helpers';
import { SIZES } from './ux2-helpers';

/** Two sines of known peak level: A (−12 dBFS) through a gain node, B (−24 dBFS) straight to the master. */
const graph = {
  format: 'mixgraph',
  version: 1,
  name: 'Mute and solo',
  nodes: [
    { id: 'a', type: 'tone', label: 'Tone A', position: { x: 0, y: 0 }, params: { wave: 'sine', freq: 440, level: -12 } },
    { id: 'ga', type: 'gain', label: 'Gain A', position: { x: 260, y: 0 }, params: {} },
    { id: 'b', type: 'tone', label: 'Tone B', position: { x: 0, y: 200 }, params: { wave: 'sine', freq: 1000, level: -24 } },
    { id: 'master', type: 'output', label: 'Master', position: { x: 520, y: 100 }, params: {} },
  ],
  edges: [
    { id: 'w1', from: { node: 'a', port: 'out' }, to: { node: 'ga', port: 'in' } },
    { id: 'w2', from: { node: 'ga', port: 'out' }, to: { node: 'master', port: 'in' } },
    { id: 'w3', from: { node: 'b', port: 'out' }, to: { node: 'master', port: 'in' } },
  ],
};

/** RMS (dB) of sines with these peak levels (dBFS) at different frequencies: powers add, a sine's RMS is its peak − 3.01 dB. */
const rmsOf = (...peaks: number[]) => 10 * Math.log10(peaks.reduce((sum, p) => sum + 10 ** (p / 10) / 2, 0));

async function heard(page: Page): Promise<number> {
  await page.waitForTimeout(150); // past the 20 ms ramp
  const r = await page.evaluate(() => window.__mixgraphTest!.record(0.5, 'speakers'));
  return r.rmsDb;
}

for (const size of SIZES) {
  test(`mute and solo on every node, heard at once, never in the document (${size.width}×${size.height})`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(size);
    const problems = watchConsole(page);
    await openEditor(page, '/?test');
    await importFile(page, { name: 'mute-solo.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(graph)) });
    await expect(nodeNamed(page, 'Tone B')).toBeVisible();
    const before = (await exportJson(page)).text;
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForFunction(() => window.__mixgraphTest?.state().playing === true);

    expect(await heard(page)).toBeCloseTo(rmsOf(-12, -24), 0);
    await expect(nodeNamed(page, 'Tone B').getByRole('button', { name: 'Solo Tone B' })).toBeHidden();
    const button = (what: 'Mute' | 'Solo', node: string) => nodeNamed(page, node).getByRole('button', { name: `${what} ${node}` });
    // The toggles show on a hovered (or selected) node, and stay while on.
    const toggle = async (what: 'Mute' | 'Solo', node: string) => {
      await nodeNamed(page, node).hover();
      await button(what, node).click();
    };

    // Solo B: only B. Solo A's gain as well: solos add, both heard.
    await toggle('Solo', 'Tone B');
    await expect(button('Solo', 'Tone B')).toHaveAttribute('aria-pressed', 'true');
    expect(await heard(page)).toBeCloseTo(rmsOf(-24), 0);
    // A wire made while soloed starts silent: Tone A straight into the master stays unheard.
    await nodeNamed(page, 'Tone A').locator('.mg-node__name').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const targets = inspector.getByRole('combobox', { name: "Wire this node's output to" });
    // The list of targets is built when the picker is first used, as a person's click does.
    await targets.focus();
    await targets.selectOption({ label: (await targets.locator('option', { hasText: 'Master' }).first().textContent()) ?? '' });
    await inspector.getByRole('button', { name: 'Connect', exact: true }).click();
    expect(await heard(page)).toBeCloseTo(rmsOf(-24), 0);
    await page.keyboard.press('Escape');
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await toggle('Solo', 'Gain A');
    expect(await heard(page)).toBeCloseTo(rmsOf(-12, -24), 0);
    await page.screenshot({ path: `${SHOTS}/ux2-solo-${size.width}.png` });
    await toggle('Solo', 'Tone B');
    expect(await heard(page)).toBeCloseTo(rmsOf(-12), 0);
    await toggle('Solo', 'Gain A');

    // Mute A (from the context menu), then the master: silence.
    await nodeNamed(page, 'Tone A').locator('.mg-node__name').click({ button: 'right' });
    await page.getByRole('menuitemcheckbox', { name: 'Mute' }).click();
    await expect(button('Mute', 'Tone A')).toHaveAttribute('aria-pressed', 'true');
    expect(await heard(page)).toBeCloseTo(rmsOf(-24), 0);
    await toggle('Mute', 'Master');
    expect(await heard(page)).toBeLessThan(-100);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: `${SHOTS}/ux2-mute-${size.width}.png` });
    await expect(button('Mute', 'Master')).toBeVisible(); // on, so shown without hovering
    await toggle('Mute', 'Master');
    await toggle('Mute', 'Tone A');
    expect(await heard(page)).toBeCloseTo(rmsOf(-12, -24), 0);

    // None of it touched the document (so neither the autosave, a share link nor a bounce sees it).
    expect((await exportJson(page)).text).toBe(before);
    expect(problems).toEqual([]);
  });
}
