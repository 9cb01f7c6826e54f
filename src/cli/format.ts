/** Human-readable numbers for the CLI's reports. */

export function formatDb(value: number | null, unit: string): string {
  return value === null ? `-inf ${unit}` : `${value.toFixed(1)} ${unit}`;
}

export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds - m * 60;
  return m > 0 ? `${m}:${s.toFixed(2).padStart(5, '0')}` : `${s.toFixed(2)} s`;
}
