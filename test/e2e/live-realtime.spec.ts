/**
 * The live engine in a real-time AudioContext, from the production build: the kernel-host
 * worklet loads, the demo mix plays, the meters move, and the recorded master's integrated
 * loudness (BS.1770, the CLI's meter) is within 1 LU of the offline render of the same graph.
 */
import { expect, test } from '@playwright/test';

test('the demo mix plays live at the loudness of the offline render, with meters moving', async ({ page }) => {
  test.setTimeout(120_000);
  page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
  await page.goto('/harness/parity.html');
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const seconds = 10;
  const r = await page.evaluate((s) => window.mixgraphParity.runRealtime('demo-mix', s), seconds);
  console.log(
    `\nreal-time demo-mix: context ${r.contextState}, ${r.contextSeconds.toFixed(2)} s; live ${r.liveIntegratedLufs?.toFixed(2)} LUFS, offline ${r.offlineIntegratedLufs?.toFixed(2)} LUFS; ` +
      `gain reduction ${JSON.stringify(Object.fromEntries(Object.entries(r.gainReductionDb).map(([k, v]) => [k, Number(v.toFixed(1))])))}; analyser peak ${r.analyserPeak.toFixed(3)}\n`,
  );
  expect(r.contextState).toBe('running');
  expect(r.contextSeconds).toBeGreaterThan(seconds * 0.9);
  expect(r.positionSeconds).toBeGreaterThan(seconds * 0.9);
  expect(r.liveIntegratedLufs).not.toBeNull();
  expect(Math.abs(r.liveIntegratedLufs! - r.offlineIntegratedLufs!)).toBeLessThanOrEqual(1);
  expect(Math.max(...Object.values(r.gainReductionDb))).toBeGreaterThan(0.5);
  expect(r.analyserPeak).toBeGreaterThan(0.05);
});
