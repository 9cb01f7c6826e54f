/**
 * Issue 10, items 7, 5 and 10 against the real CLI process: non-finite output and clipping,
 * memory limits, the 4 GiB WAV limit and RF64.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = resolve('bin/mixgraph.mjs');
const dir = fs.mkdtempSync(join(tmpdir(), 'mixgraph-checks-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function mixgraph(args: string[], timeout = 60_000) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

type Node = { id: string; type: string; params?: Record<string, unknown> };

/** A graph of `nodes` wired in a chain into the master. */
function chain(name: string, nodes: Node[]): string {
  const all = [...nodes, { id: 'master', type: 'output' }];
  const file = join(dir, `${name}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      format: 'mixgraph',
      version: 1,
      name,
      nodes: all.map((n) => ({ ...n, position: { x: 0, y: 0 }, params: n.params ?? {} })),
      edges: all.slice(1).map((n, i) => ({ id: `e${i}`, from: { node: all[i].id, port: 'out' }, to: { node: n.id, port: 'in' } })),
    }),
  );
  return file;
}

describe('non-finite output and clipping (issue 10, item 7)', () => {
  it('40 gains at +24 dB: an error naming the first node that went non-finite, exit 1, nothing written', () => {
    const gains = Array.from({ length: 40 }, (_, i) => ({ id: `g${String(i).padStart(2, '0')}`, type: 'gain', params: { gain: 24 } }));
    const graph = chain('hot', [{ id: 'tone', type: 'tone', params: { level: -18 } }, ...gains]);
    const r = mixgraph(['render', graph, '-o', 'hot.wav', '--seconds', '1']);
    expect(r.code).toBe(1);
    // −18 dBFS + 24 dB · k passes float32's largest value (+770.6 dBFS) first at k = 33: g32.
    expect(r.stderr).toMatch(/^mixgraph: node "g32": its output is not a finite number/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
    expect(fs.readdirSync(dir).filter((n) => n.includes('hot.wav'))).toEqual([]);
  });

  it('warns when 24-bit output clips, with the count and peak numpy finds in the float render', () => {
    const args = ['render', 'eq-teaching', '--seconds', '2', '--normalize', '-3'];
    expect(mixgraph([...args, '-o', 'loud32.wav', '--bits', '32f']).code).toBe(0);
    const r = mixgraph([...args, '-o', 'loud24.wav', '--bits', '24']);
    expect(r.code).toBe(0);
    const py = spawnSync(
      'python3',
      [
        '-c',
        `import numpy as np, sys
b = open(sys.argv[1], 'rb').read()
i = b.index(b'data')
x = np.frombuffer(b[i + 8:], dtype='<f4').astype(np.float64)
q = np.floor(x * 8388608 + 0.5)
print(int(np.sum((q > 8388607) | (q < -8388608))), 20 * np.log10(np.max(np.abs(x))))`,
        join(dir, 'loud32.wav'),
      ],
      { encoding: 'utf8' },
    );
    const [count, peakDb] = py.stdout.trim().split(' ').map(Number);
    expect(count).toBeGreaterThan(100);
    const m = /warning: (\d+) samples clipped in the 24-bit output \(peak (-?[\d.]+) dBFS\)/.exec(r.stderr);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBe(count);
    expect(Math.abs(Number(m![2]) - peakDb)).toBeLessThan(0.01);
    // Float output keeps the overs: no warning.
    expect(mixgraph([...args, '-o', 'loud32b.wav', '--bits', '32f']).stderr).not.toMatch(/clipped/);
  });
});
