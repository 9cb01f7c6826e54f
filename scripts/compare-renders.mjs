#!/usr/bin/env node
/**
 * Renders every preset in `presets/` with this checkout's CLI and with a reference checkout's CLI
 * (e.g. a clone of `main` under /tmp) and compares the WAV files byte for byte — the proof that a
 * speed change kept the output bit-identical.
 *
 *   node scripts/compare-renders.mjs /tmp/main-clone [--seconds 12] [--rates 48000,44100]
 *
 * Renders are 32-bit float WAVs (no dither, so every sample bit shows). Exit code 1 on any
 * difference, with the largest sample difference in dB relative to full scale.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const refRoot = args[0];
if (!refRoot || refRoot.startsWith('--')) {
  console.error('usage: node scripts/compare-renders.mjs REF_CHECKOUT [--seconds S] [--rates 48000,44100]');
  process.exit(2);
}
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const seconds = option('--seconds', '12');
const rates = option('--rates', '48000,44100').split(',');
const ours = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'mixgraph-compare-'));

function render(root, preset, rate, out) {
  execFileSync(
    process.execPath,
    [join(root, 'bin/mixgraph.mjs'), 'render', join(ours, 'presets', preset), '-o', out, '--seconds', seconds, '--rate', rate, '--bits', '32f'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return readFileSync(out);
}

/** Largest |a − b| over the float32 samples after the 44-byte+ header, in dBFS. */
function largestDifferenceDb(a, b) {
  const offset = a.indexOf('data') + 8;
  const fa = new Float32Array(a.buffer.slice(a.byteOffset + offset, a.byteOffset + a.length - ((a.length - offset) % 4)));
  const fb = new Float32Array(b.buffer.slice(b.byteOffset + offset, b.byteOffset + b.length - ((b.length - offset) % 4)));
  let d = 0;
  for (let i = 0; i < Math.min(fa.length, fb.length); i++) d = Math.max(d, Math.abs(fa[i] - fb[i]));
  return 20 * Math.log10(d);
}

let differ = 0;
try {
  for (const preset of readdirSync(join(ours, 'presets')).filter((f) => f.endsWith('.json')).sort()) {
    for (const rate of rates) {
      const a = render(ours, preset, rate, join(work, 'ours.wav'));
      const b = render(refRoot, preset, rate, join(work, 'ref.wav'));
      const hash = createHash('sha256').update(a).digest('hex').slice(0, 12);
      if (a.equals(b)) {
        console.log(`${preset} @ ${rate}: identical (${a.length} bytes, sha256 ${hash})`);
      } else {
        differ++;
        console.log(`${preset} @ ${rate}: DIFFERS, largest sample difference ${largestDifferenceDb(a, b).toFixed(1)} dBFS`);
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (differ > 0) {
  console.error(`${differ} render(s) differ`);
  process.exit(1);
}
