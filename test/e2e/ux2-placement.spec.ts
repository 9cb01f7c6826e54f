import { type Page, expect, test } from '@playwright/test';
import { SHOTS, audioNodes, exportJson, newGraph, nodeNamed, openEditor, watchConsole } from './helpers';
import { SIZES } from './ux2-helpers';

type Doc = { nodes: { id: string; label?: string }[]; edges: { from: { node: string }; to: { node: string } }[] };

/** Pairs of canvas nodes whose boxes overlap on screen. */
async function overlapping(page: Page): Promise<string[]> {
  const boxes = await audioNodes(page).evaluateAll((els) =>
    els.map((el) => ({ name: el.querySelector('.mg-node__name')?.textContent ?? '', r: el.getBoundingClientRect() })),
  );
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].r;
      const b = boxes[j].r;
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push(`${boxes[i].name} / ${boxes[j].name}`);
    }
  }
  return out;
}

for (const size of SIZES) {
  test(`click-to-add puts nodes in free space, never on the master (${size.width}×${size.height})`, async ({ page }) => {
    await page.setViewportSize(size);
    const problems = watchConsole(page);
    await openEditor(page);
    await newGraph(page);
    for (const name of ['Limiter', 'EQ', 'EQ', 'Compressor', 'Reverb']) await page.getByRole('button', { name: `Add ${name}`, exact: true }).click();
    await expect(audioNodes(page)).toHaveCount(6);
    // The last one added is selected and the next one would chain after it; clear that first.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Add Delay', exact: true }).click();
    await expect(audioNodes(page)).toHaveCount(7);
    await expect.poll(() => overlapping(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/ux2-placement-free-${size.width}.png` });
    expect(problems).toEqual([]);
  });
}

test('with one node selected, click-to-add places the node after it and wires it in, as one undo step', async ({ page }) => {
  const problems = watchConsole(page);
  await openEditor(page);
  const before = await exportJson(page);
  const wiresOf = (doc: Doc) => doc.edges.map((e) => `${e.from.node}>${e.to.node}`).sort();

  // The Bass source has one wire out (to the bass channel strip): the new gain goes into it.
  await nodeNamed(page, 'Bass').locator('.mg-node__name').click();
  const from = JSON.parse(before.text) as Doc;
  const bass = from.nodes.find((n) => n.label === 'Bass')!.id;
  expect(from.edges.filter((e) => e.from.node === bass)).toHaveLength(1);
  const next = from.edges.find((e) => e.from.node === bass)!.to.node;
  await page.getByRole('button', { name: 'Add Gain', exact: true }).click();
  await expect(nodeNamed(page, 'Gain')).toBeVisible();
  const after = JSON.parse((await exportJson(page)).text) as Doc;
  const gain = after.nodes.find((n) => n.label === 'Gain')!.id;
  expect(wiresOf(after)).toContain(`${bass}>${gain}`);
  expect(wiresOf(after)).toContain(`${gain}>${next}`);
  expect(wiresOf(after)).not.toContain(`${bass}>${next}`);
  // (The preset's own compressors touch each other a little; only the new node counts here.)
  await expect.poll(async () => (await overlapping(page)).filter((pair) => pair.split(' / ').includes('Gain'))).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/ux2-placement-after.png` });

  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  expect((await exportJson(page)).text).toBe(before.text);
  expect(problems).toEqual([]);
});
