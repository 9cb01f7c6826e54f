/**
 * Parity of the live engine with the offline engine (issue 6, DESIGN.md "Parity"): every node
 * type alone and every built-in preset, rendered by the live engine inside Chromium's
 * OfflineAudioContext and by the offline engine in the same page, aligned for the master latency.
 * The residual 10·log10(Σ(a − b)² / Σb²) must be at most −60 dB (target −90 dB). Live edits
 * during a render must not step further than their ramp or crossfade allows.
 * The harness page is harness/parity.html (a second Vite input).
 */
import { expect, test, type Page } from '@playwright/test';
import type { EditResult, ParityResult } from '../../harness/parity';

const PARITY_BOUND_DB = -60;
const PARITY_TARGET_DB = -90;

test.describe.configure({ mode: 'serial' });

let page: Page;
const results: ParityResult[] = [];

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`[page] ${m.text()}`);
  });
  page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
  await page.goto('/harness/parity.html');
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
});

test.afterAll(async () => {
  const fmt = (db: number): string => (db === -Infinity ? '−∞' : db.toFixed(1)).padStart(7);
  const width = Math.max(...results.map((r) => r.name.length), 4);
  const lines = [
    `${'case'.padEnd(width)}  residual dB  max |diff|  latency`,
    `${' '.repeat(width)}  (−∞: bit-identical)`,
    ...results.map((r) => `${r.name.padEnd(width)}  ${fmt(r.residualDb).padEnd(11)}  ${r.maxDifference.toExponential(2).padStart(10)}  ${String(r.latency).padStart(7)}`),
  ];
  const worst = Math.max(...results.map((r) => r.residualDb));
  lines.push(`worst residual: ${fmt(worst).trim()} dB (bound ${PARITY_BOUND_DB} dB, target ${PARITY_TARGET_DB} dB)`);
  console.log(`\nlive vs offline parity\n${lines.join('\n')}\n`);
  await page?.close();
});

test('the harness lists every node type and every preset', async () => {
  const names = await page.evaluate(() => window.mixgraphParity.cases());
  for (const type of ['source', 'tone', 'gain', 'pan', 'width', 'eq', 'bus', 'compressor', 'limiter', 'delay', 'reverb', 'output']) {
    expect(names.some((n) => n.startsWith(type)), `a case for ${type}`).toBe(true);
  }
  expect(names.filter((n) => n.startsWith('preset ')).length).toBeGreaterThanOrEqual(7);
});

test('live and offline renders agree within the parity bound', async () => {
  test.setTimeout(600_000);
  const names = await page.evaluate(() => window.mixgraphParity.cases());
  for (const name of names) {
    const r = await page.evaluate((n) => window.mixgraphParity.run(n), name);
    results.push(r);
    // A silent reference would make the ratio meaningless: every case must make sound.
    expect.soft(r.referenceRmsDb, `${name}: reference is not silent`).toBeGreaterThan(-70);
    expect.soft(r.residualDb, `${name}: residual ${r.residualDb.toFixed(1)} dB`).toBeLessThanOrEqual(PARITY_BOUND_DB);
  }
});

test('live edits step no further than their ramp or crossfade allows', async () => {
  test.setTimeout(120_000);
  const names = await page.evaluate(() => window.mixgraphParity.edits());
  const rows: EditResult[] = [];
  for (const name of names) rows.push(await page.evaluate((n) => window.mixgraphParity.runEdit(n), name));
  console.log(
    `\nlive edits (largest |y[n] − y[n−1]|)\n${rows
      .map((r) => `${r.name.padEnd(44)} max ${r.maxJump.toExponential(3)}  allowed ${r.allowedJump.toExponential(3)}  unramped ${r.unrampedJump.toExponential(2)}  final ${r.finalRmsDb.toFixed(2)} dBFS`)
      .join('\n')}\n`,
  );
  for (const r of rows) {
    expect.soft(r.maxJump, `${r.name}: largest step`).toBeLessThanOrEqual(r.allowedJump * 1.001 + 1e-6);
    // The bound is meaningful: the same edit with ramps and fades at 0 breaks it.
    expect.soft(r.unrampedJump, `${r.name}: the unramped edit breaks the bound`).toBeGreaterThan(2 * r.allowedJump);
    if (r.expectedFinalRmsDb !== null) expect.soft(Math.abs(r.finalRmsDb - r.expectedFinalRmsDb), `${r.name}: edit took effect`).toBeLessThan(0.2);
  }
});

test('untouched nodes keep their state: unrelated edits change no sample, a cut input leaves the reverb tail', async () => {
  test.setTimeout(120_000);
  const r = await page.evaluate(() => window.mixgraphParity.runTail());
  console.log(`\nunrelated edit residual: ${r.unrelatedEditResidualDb} dB; tail 10–110 ms after cutting the input: ${r.tailAfterCutDb.toFixed(1)} dB\n`);
  expect(r.unrelatedEditResidualDb).toBeLessThanOrEqual(-140);
  // A 3 s RT60 decays 60 dB in 3 s, i.e. about 2 dB per 100 ms; a rebuilt reverb would be silent.
  expect(r.tailAfterCutDb).toBeGreaterThan(-20);
});
