/** Section `kernels`: the per-kernel table (kernels.ts) as rows. */
import { benchKernels } from './kernels';
import { silenceCostRows } from './silenceCost';
import type { BenchOptions } from './options';
import type { SectionResult } from './types';

/** Runs the kernels section: 60 s of pink noise (20 s with --quick), median of 3 (1). */
export function kernelSection(options: BenchOptions): SectionResult {
  const seconds = options.quick ? 20 : 60;
  const runs = options.quick ? 1 : 3;
  const speeds = benchKernels({ seconds, runs });
  // The tails decay past the subnormal range only after about 45 s (delay feedback 0.6 per 250 ms).
  const silence = silenceCostRows({ seconds, runs });
  return {
    rows: [...speeds.map((k) => ({
      section: 'kernels',
      name: `${k.type} kernel`,
      value: k.realtime,
      unit: '×realtime',
      detail: `${k.seconds.toFixed(3)} s for ${seconds} s`,
    })), ...silence],
    commands: [
      { section: 'kernels', label: 'kernels', command: `in process: benchKernels({ seconds: ${seconds}, runs: ${runs} }) (bench/kernels.ts)` },
      { section: 'kernels', label: 'silence cost', command: `in process: silenceCostRows({ seconds: ${seconds}, runs: ${runs} }) (bench/silenceCost.ts)` },
    ],
  };
}
