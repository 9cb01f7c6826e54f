/**
 * The chain in Chromium's OfflineAudioContext, driven by Playwright with Debian's Chromium:
 * BiquadFilterNode ×3 (peaking) → DynamicsCompressorNode → [dry + DelayNode (predelay) →
 * ConvolverNode (the generated 2 s IR) → wet] → GainNode (limiter drive) → DynamicsCompressorNode
 * (as the limiter: ratio 20, hard knee). The page fetches the same pink-noise WAV the other tools
 * read from a local HTTP server and decodes it with `decodeAudioData`; nothing is written back.
 */
import { createReadStream, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { CHAIN_COMPRESSOR, CHAIN_EQ_BANDS, CHAIN_LIMITER, CHAIN_REVERB } from './chainSettings';
import { BENCH_RATE } from './inputs';

/** Chromium's flags for the bench (no sandbox in containers, nothing running in the background). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
] as const;

/** One Chromium run: the whole process and the parts measured inside the page. */
export interface ChromiumRun {
  /** Launch to result (browser closed), s. */
  wholeSeconds: number;
  /** `startRendering()` alone, s. */
  renderSeconds: number;
  /** Fetching and decoding the input (and the IR), s. */
  decodeSeconds: number;
  /** Frames rendered. */
  frames: number;
  /** Largest absolute sample of the render (a render of silence would show 0). */
  peak: number;
}

/** Serves `files` (URL path → file path) on 127.0.0.1 at a free port. */
async function serveFiles(files: Record<string, string>): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = req.url ? files[req.url] : undefined;
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>mixgraph bench</title><script src="/page.js"></script>');
    } else if (path) {
      const type = path.endsWith('.js') ? 'text/javascript' : 'audio/wav';
      res.writeHead(200, { 'content-type': type, 'content-length': statSync(path).size });
      createReadStream(path).pipe(res);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** What the page needs to build the chain (plain data: it crosses into the browser). */
export interface PageChain {
  seconds: number;
  rate: number;
  convolver: boolean;
  bands: { freq: number; gainDb: number; q: number }[];
  comp: { thresholdDb: number; ratio: number; kneeDb: number; attackMs: number; releaseMs: number };
  mix: number;
  predelayMs: number;
  limiter: { inputGainDb: number; ceilingDb: number; releaseMs: number };
}

/**
 * Launches Chromium, renders `seconds` of the chain (with or without the convolver) from
 * `pinkPath`, closes it. `irPath` is the impulse response for the convolver.
 */
export async function renderChainInChromium(options: {
  chromiumPath: string;
  pinkPath: string;
  irPath: string;
  seconds: number;
  convolver: boolean;
}): Promise<ChromiumRun> {
  const { server, origin } = await serveFiles({
    '/page.js': fileURLToPath(new URL('./chromiumPage.js', import.meta.url)),
    '/pink.wav': options.pinkPath,
    '/ir.wav': options.irPath,
  });
  const chain: PageChain = {
    seconds: options.seconds,
    rate: BENCH_RATE,
    convolver: options.convolver,
    bands: CHAIN_EQ_BANDS.map((b) => ({ ...b })),
    comp: { ...CHAIN_COMPRESSOR },
    mix: CHAIN_REVERB.mix,
    predelayMs: CHAIN_REVERB.predelayMs,
    limiter: { ...CHAIN_LIMITER },
  };
  try {
    const t0 = process.hrtime.bigint();
    const browser = await chromium.launch({ executablePath: options.chromiumPath, args: [...CHROMIUM_FLAGS] });
    try {
      const page = await browser.newPage();
      await page.goto(`${origin}/`);
      // A string, not a function: see chromiumPage.js.
      const inPage = (await page.evaluate(`window.renderChain(${JSON.stringify(chain)})`)) as Omit<ChromiumRun, 'wholeSeconds'>;
      await browser.close();
      const wholeSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
      return { wholeSeconds, ...inPage };
    } finally {
      await browser.close();
    }
  } finally {
    server.close();
  }
}

/** The Chromium row's "command", for the docs. */
export function chromiumCommandNote(convolver: boolean): string {
  return (
    `playwright-core chromium.launch({ executablePath: '/usr/bin/chromium', args: [${CHROMIUM_FLAGS.join(' ')}] }); ` +
    `OfflineAudioContext(2, seconds × 48000, 48000): decodeAudioData(pink.wav) → BiquadFilterNode peaking ×3 → DynamicsCompressorNode → ` +
    (convolver ? 'dry 0.75 + (DelayNode 20 ms → ConvolverNode 2 s IR → 0.25) → ' : '') +
    `GainNode +12 dB → DynamicsCompressorNode (threshold −1, ratio 20, knee 0) → startRendering()`
  );
}
