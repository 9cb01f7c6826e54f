/** The editor's bounce path (worker logic, run here directly) against the CLI's render. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBounce } from '../../../src/runtime/bounce/runBounce';
import type { BounceMessage } from '../../../src/runtime/bounce/protocol';
import { findBuiltInPreset } from '../../../src/runtime/presets';

const dir = mkdtempSync(join(tmpdir(), 'mixgraph-bounce-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bounce(document: unknown, seconds: number, signal = new AbortController().signal): Promise<BounceMessage[]> {
  const messages: BounceMessage[] = [];
  await runBounce({ type: 'start', document, options: { sampleRate: 48000, seconds, bits: 16 }, clips: {} }, (m) => messages.push(m), signal);
  return messages;
}

describe('bounce', () => {
  it('writes the same bytes as `mixgraph render`', async () => {
    const messages = await bounce(findBuiltInPreset('vocal-chain')!.document, 3);
    const done = messages.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type !== 'done') return;
    expect(messages.some((m) => m.type === 'progress')).toBe(true);

    const out = join(dir, 'cli.wav');
    const r = spawnSync(process.execPath, ['bin/mixgraph.mjs', 'render', 'vocal-chain', '-o', out, '--seconds', '3', '--bits', '16']);
    expect(r.status).toBe(0);
    expect(Buffer.from(done.wav).equals(readFileSync(out))).toBe(true);
  });

  it('reports an invalid document by node, and a cancel as cancelled', async () => {
    const broken = await bounce({ format: 'mixgraph', version: 1, name: 'x', nodes: [{ id: 'q', type: 'nope', position: { x: 0, y: 0 } }], edges: [] }, 1);
    expect(broken).toHaveLength(1);
    expect(broken[0].type === 'error' && broken[0].messages.join('\n')).toMatch(/"q"/);

    const controller = new AbortController();
    controller.abort();
    const cancelled = await bounce(findBuiltInPreset('eq-teaching')!.document, 1, controller.signal);
    expect(cancelled.at(-1)).toEqual({ type: 'cancelled' });
  });
});
