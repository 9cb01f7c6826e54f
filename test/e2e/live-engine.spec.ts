/**
 * The LiveEngine API the editor builds on, checked in Chromium's OfflineAudioContext: starting
 * from a transport position plays exactly what the offline engine plays with that much more
 * offset; stop fades to silence; the probe sends one node's output to the speakers; compressor
 * gain reduction and node analysers report; a source wired in late plays in sync; the editor's
 * audition bypass and bypass gain play the input × g, and end cleanly.
 */
import { expect, test } from '@playwright/test';

test('transport, probe and meters of the live engine', async ({ page }) => {
  test.setTimeout(120_000);
  page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
  await page.goto('/harness/parity.html');
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const r = await page.evaluate(() => window.mixgraphParity.runEngineChecks());
  console.log(`\nlive engine checks: ${JSON.stringify(r)}\n`);
  expect(r.startFromPositionResidualDb).toBeLessThanOrEqual(-120);
  expect(r.beforeStopRmsDb).toBeGreaterThan(-40);
  expect(r.afterStopRmsDb).toBe(-Infinity);
  // Probing the −20 dB gain: the speakers hear the tone 20 dB down (sine peak −6 dBFS → −9 dBFS RMS).
  expect(r.masterRmsDb).toBeCloseTo(-6 - 3.0103, 1);
  expect(r.probeRmsDb).toBeCloseTo(-26 - 3.0103, 1);
  expect(r.compressorGainReductionDb).toBeGreaterThan(1);
  expect(r.analyserPeak).toBeGreaterThan(0.05);
  // A source wired in while playing is where the transport is (Chromium skips unpulled nodes).
  expect(r.lateWireResidualDb).toBeLessThanOrEqual(-120);
  // Audition bypass with gain g on a −10 dB gain node: the master is the input × g; off again it is
  // the processed graph; a document bypass by update afterwards still works (gain back to 1).
  expect(r.auditionResidualDb.processedBefore).toBeLessThanOrEqual(-90);
  expect(r.auditionResidualDb.bypassed).toBeLessThanOrEqual(-90);
  expect(r.auditionResidualDb.processedAgain).toBeLessThanOrEqual(-90);
  expect(r.auditionResidualDb.documentBypass).toBeLessThanOrEqual(-90);
  // The audition is the engine's, not the document's, and ends with the node.
  expect(r.auditionBeforeRemoval).toEqual({ bypass: true, gain: 0.25 });
  expect(r.auditionAfterReAdd).toEqual({ bypass: false, gain: 1 });
});
