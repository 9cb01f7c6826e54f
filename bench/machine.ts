/** What the numbers were measured on: CPU, cores, RAM, Node and the outside tools' versions. */
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { Toolset } from './tools';

export interface MachineInfo {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  sox: string;
  ffmpeg: string;
  chromium: string;
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1].trim();
  } catch {
    // not Linux: fall back to what Node reports
  }
  return cpus()[0]?.model ?? 'unknown';
}

/** Collects the machine facts for docs/benchmarks.md. */
export function machineInfo(tools: Toolset): MachineInfo {
  return {
    cpu: cpuModel(),
    cores: cpus().length,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    sox: tools.sox.version ?? 'not installed',
    ffmpeg: tools.ffmpeg.version ?? 'not installed',
    chromium: tools.chromium.version ?? 'not installed',
  };
}
