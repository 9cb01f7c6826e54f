/**
 * Album benchmark (issue 12): 4 synthesized 3-minute tracks mastered by the real CLI with
 * `--jobs 2` against `--jobs 1`, wall time ratio in the same run (target ≤ 0.6 on 2 cores).
 * Exported for `bench/run.ts` to call (the lead wires it in):
 *
 *   import { benchAlbum } from './album';
 *   rows.push(await benchAlbum());
 *
 * Also runnable alone: `node --import tsx bench/album.ts`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAlbumSongs } from '../test/unit/album/songs';

export interface AlbumBenchRow {
  name: string;
  value: number;
  unit: string;
  target: { op: '<='; limit: number };
  detail: string;
}

function timeAlbum(tracks: string[], out: string, jobs: number): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['bin/mixgraph.mjs', 'album', ...tracks, '-o', out, '--jobs', String(jobs)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`album --jobs ${jobs} failed: ${r.stderr}`);
  return performance.now() - t0;
}

/** Wall time of `--jobs 2` over `--jobs 1` on 4 × 3-minute tracks. */
export async function benchAlbum(seconds = 180): Promise<AlbumBenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'mixgraph-bench-album-'));
  try {
    const songs = [
      { name: 'a.wav', lufs: -20, tiltDbPerDecade: 0, seconds, seed: 11 },
      { name: 'b.wav', lufs: -16, tiltDbPerDecade: -3, seconds, seed: 12 },
      { name: 'c.wav', lufs: -12, tiltDbPerDecade: 3, seconds, seed: 13 },
      { name: 'd.wav', lufs: -10, tiltDbPerDecade: 0, seconds, seed: 14 },
    ];
    const tracks = writeAlbumSongs(dir, songs);
    timeAlbum(tracks.slice(0, 1), join(dir, 'warm'), 1); // builds the CLI bundle if needed
    const one = timeAlbum(tracks, join(dir, 'one'), 1);
    const two = timeAlbum(tracks, join(dir, 'two'), 2);
    return {
      name: `album: 4 × ${seconds / 60}-minute tracks, --jobs 2 / --jobs 1 wall time`,
      value: two / one,
      unit: '×',
      target: { op: '<=', limit: 0.6 },
      detail: `--jobs 1 ${(one / 1000).toFixed(1)} s, --jobs 2 ${(two / 1000).toFixed(1)} s`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
  const row = await benchAlbum(Number(process.env.ALBUM_BENCH_SECONDS ?? 180));
  console.log(`${row.name}: ${row.value.toFixed(2)}${row.unit} (target ${row.target.op} ${row.target.limit}; ${row.detail})`);
}
