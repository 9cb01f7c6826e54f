/**
 * Options of `npm run bench`: `--quick` (one run each, 20 s of audio: a smoke test) and
 * `--only SECTION[,SECTION]`. Parsed with Node's own `util.parseArgs`.
 */
import { parseArgs } from 'node:util';

/** The sections of one bench run, in the order they run. */
export const SECTIONS = ['chain', 'demo', 'album', 'scaling', 'kernels', 'inproc', 'profile'] as const;
export type Section = (typeof SECTIONS)[number];

/** Sections run when `--only` is not given: all of them. */
export const DEFAULT_SECTIONS: readonly Section[] = SECTIONS;

export interface BenchOptions {
  quick: boolean;
  sections: Section[];
  /** Runs per whole-process row (median taken): 5, or 1 with `--quick`. */
  runs: number;
  /** Length of the chain's pink-noise input, s: 120, or 20 with `--quick`. */
  chainSeconds: number;
  /** Whether to rewrite docs/benchmarks.md (a full run of every default section does). */
  writeDocs: boolean;
}

/** Parses argv (without node and the script); throws a one-line Error on a bad option. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      docs: { type: 'boolean' },
    },
    strict: true,
  });
  let sections: Section[] = [...DEFAULT_SECTIONS];
  if (values.only !== undefined) {
    sections = [];
    for (const name of values.only.split(',')) {
      if (!(SECTIONS as readonly string[]).includes(name)) {
        throw new Error(`--only: "${name}" is not a section; use ${SECTIONS.join(', ')}`);
      }
      sections.push(name as Section);
    }
  }
  const quick = values.quick ?? false;
  // Only a full run (all default sections, full length) rewrites the committed numbers, unless
  // asked with --docs.
  const writeDocs = values.docs ?? (!quick && values.only === undefined);
  return { quick, sections, runs: quick ? 1 : 5, chainSeconds: quick ? 20 : 120, writeDocs };
}
