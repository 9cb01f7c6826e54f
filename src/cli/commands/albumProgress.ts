/**
 * Progress of `mixgraph album` on stderr when it is a terminal: one line per running track plus
 * the total (cli-progress MultiBar); nothing in pipes or logs.
 */
import cliProgress from 'cli-progress';

export interface AlbumProgress {
  /** A track started a step; returns its updater (0…1) and its finisher. */
  start(label: string): { update(fraction: number): void; done(): void };
  stop(): void;
}

export function createAlbumProgress(title: string, steps: number): AlbumProgress {
  if (!process.stderr.isTTY) return { start: () => ({ update() {}, done() {} }), stop() {} };
  const multi = new cliProgress.MultiBar(
    { stream: process.stderr, format: '{label} [{bar}] {percentage}%', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  const total = multi.create(steps, 0, { label: title.padEnd(28).slice(0, 28) });
  let finished = 0;
  return {
    start(label) {
      const bar = multi.create(100, 0, { label: `  ${label}`.padEnd(28).slice(0, 28) });
      return {
        update: (fraction) => bar.update(Math.round(fraction * 100)),
        done: () => {
          multi.remove(bar);
          total.update(++finished);
        },
      };
    },
    stop: () => multi.stop(),
  };
}
