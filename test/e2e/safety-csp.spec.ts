/**
 * Issue 10.11: the served editor runs under a Content-Security-Policy (header and meta tag) and
 * no feature trips it. Every `securitypolicyviolation` event (page and workers) and every console
 * message about the policy is collected while a user adds nodes, plays with meters, bounces,
 * shares, imports and uses the library; then an inline script is injected to prove the listener
 * does catch a violation.
 */
import { type BrowserContext, type Page, expect, test } from '@playwright/test';
import { audioNodes, discardIfAsked, exportJson, importFile, nodeNamed } from './helpers';

/**
 * Installs the listeners in every page of `context`: the `securitypolicyviolation` event, and the
 * browser's own log (CDP `Log.entryAdded`, where Chromium writes "Refused to …" CSP errors; they
 * are not console API calls). Returns what they caught.
 */
async function watchPolicy(context: BrowserContext): Promise<{ seen: (page: Page) => Promise<string[]>; log: string[]; listen: (page: Page) => Promise<void> }> {
  await context.addInitScript(() => {
    const caught: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = caught;
    document.addEventListener('securitypolicyviolation', (e) => caught.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
  });
  const log: string[] = [];
  const listen = async (page: Page) => {
    page.on('console', (msg) => {
      if (/content security policy/i.test(msg.text())) log.push(msg.text());
    });
    const cdp = await context.newCDPSession(page);
    cdp.on('Log.entryAdded', ({ entry }) => {
      if (/content security policy/i.test(entry.text)) log.push(`${entry.source}: ${entry.text}`);
    });
    await cdp.send('Log.enable');
  };
  return { seen: (page) => page.evaluate(() => [...(window as unknown as { __cspViolations: string[] }).__cspViolations]), log, listen };
}

test('no feature of the editor trips its Content-Security-Policy', async ({ page, context, browser }) => {
  test.setTimeout(120_000);
  const policy = await watchPolicy(context);
  await policy.listen(page);
  const response = await page.goto('/?test');
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await expect(audioNodes(page).first()).toBeVisible();

  // Add nodes from the palette.
  const before = await audioNodes(page).count();
  await page.getByRole('button', { name: 'Add EQ' }).click();
  await page.getByRole('button', { name: 'Add Compressor' }).click();
  await expect(audioNodes(page)).toHaveCount(before + 2);

  // Play the demo mix with every meter (AudioWorklets, Tone.js, the loudness meter).
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() => window.__mixgraphTest?.state().playing === true && window.__mixgraphTest.state().contextState === 'running');
  await expect.poll(() => page.locator('.loudness').getAttribute('data-integrated'), { timeout: 10_000 }).toMatch(/^-\d/);
  await nodeNamed(page, 'Bass').locator('.mg-node__name').click();
  await page.getByRole('button', { name: 'Probe Bass', exact: true }).click();
  await page.waitForTimeout(500);
  await page.getByRole('button', { name: 'Pause' }).click();

  // Bounce (the render worker, the WAV handed over as a blob).
  await page.getByRole('button', { name: 'Bounce' }).click();
  const bounce = page.getByRole('dialog', { name: 'Export WAV' });
  await bounce.getByRole('textbox', { name: 'Length (seconds)' }).fill('1');
  const [wav] = await Promise.all([page.waitForEvent('download'), bounce.getByRole('button', { name: 'Render WAV' }).click()]);
  expect(wav.suggestedFilename()).toMatch(/\.wav$/);
  await bounce.getByRole('button', { name: 'Close' }).click();

  // Library: save as preset, list it.
  await page.getByRole('button', { name: 'Save as preset' }).click();
  const prompt = page.getByRole('dialog', { name: 'Save as preset' });
  await prompt.getByRole('textbox', { name: 'Preset name' }).fill('CSP check');
  await prompt.getByRole('button', { name: 'Save' }).click();
  // The save is asynchronous (IndexedDB): wait for its notice before listing the library.
  await expect(page.getByTestId('notice')).toContainText('Saved “CSP check” to My presets.');
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('menuitem', { name: 'Manage my presets…' }).click();
  const library = page.getByRole('dialog', { name: 'My presets' });
  await expect(library.getByText('CSP check')).toBeVisible();
  await library.getByRole('button', { name: 'Close' }).click();

  // Export, then import the file back as a new document.
  const exported = await exportJson(page);
  await importFile(page, { name: 'round-trip.json', mimeType: 'application/json', buffer: Buffer.from(exported.text) });
  await discardIfAsked(page);
  await expect(audioNodes(page)).toHaveCount(before + 2);

  // Share link, opened in a second tab of the same browser.
  await page.getByRole('button', { name: 'Share' }).click();
  const url = await page.getByRole('dialog', { name: 'Share link' }).getByRole('textbox').inputValue();
  const other = await context.newPage();
  await policy.listen(other);
  await other.goto(url);
  await discardIfAsked(other);
  await expect(audioNodes(other)).toHaveCount(before + 2);

  expect(await policy.seen(page)).toEqual([]);
  expect(await policy.seen(other)).toEqual([]);
  expect(policy.log).toEqual([]);

  // The listener works: an injected inline script is blocked and reported.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.appendChild(script);
  });
  // (Reported once per policy that refuses it: the header's and the meta tag's.)
  await expect.poll(async () => (await policy.seen(page)).length).toBeGreaterThan(0);
  for (const line of await policy.seen(page)) expect(line).toContain('script-src-elem blocked inline');
  expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();

  await expect.poll(() => policy.log.length).toBeGreaterThan(0); // the browser's log has it too

  // Framing is refused by the header: the frame shows Chromium's error page instead of the editor.
  const framing = await browser.newPage();
  await framing.route('http://framer.test/', (r) => r.fulfill({ contentType: 'text/html', body: `<iframe src="${new URL('/', url).href}"></iframe>` }));
  await framing.goto('http://framer.test/');
  await expect.poll(() => framing.frames().map((f) => f.url())).toContain('chrome-error://chromewebdata/');
  await framing.close();
});
