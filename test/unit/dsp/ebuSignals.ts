/**
 * Test signals of the kind described in EBU Tech 3341 (v3/2016 and 2023) and Tech 3342, made in
 * code: the EBU's own WAV files are not redistributed, so each test builds the signal its case
 * describes (levels, durations, frequencies, sample phases).
 */

/** One stretch of a tone: peak level in dBFS (null = digital silence) held for `seconds`. */
export interface ToneSegment {
  dbfs: number | null;
  seconds: number;
}

/**
 * A sine of `frequency` whose amplitude steps through `segments` (phase continuous, as the EBU
 * files are one tone switched in level). Levels are peak levels: "−23 dBFS" = amplitude
 * 10^(−23/20), which reads −23 LUFS on a stereo pair at 1 kHz.
 */
export function steppedTone(sampleRate: number, segments: readonly ToneSegment[], frequency = 1000): Float32Array {
  const ends: number[] = [];
  let seconds = 0;
  for (const s of segments) {
    seconds += s.seconds;
    ends.push(Math.round(seconds * sampleRate));
  }
  const total = ends[ends.length - 1] ?? 0;
  const out = new Float32Array(total);
  let start = 0;
  segments.forEach((segment, i) => {
    const end = ends[i];
    if (segment.dbfs !== null) {
      const amplitude = Math.pow(10, segment.dbfs / 20);
      const w = (2 * Math.PI * frequency) / sampleRate;
      for (let n = start; n < end; n++) out[n] = amplitude * Math.sin(w * n);
    }
    start = end;
  });
  return out;
}

/**
 * amplitude · sin(2π·f·n/fs + phase), with 50 ms raised-cosine fades at both ends so that
 * switching the tone on and off does not itself create inter-sample overshoot (a step really
 * overshoots after band-limited reconstruction, which is not what the true-peak cases test).
 */
export function phasedSine(
  sampleRate: number,
  seconds: number,
  frequency: number,
  amplitude: number,
  phaseDeg: number,
): Float32Array {
  const length = Math.round(seconds * sampleRate);
  const fade = Math.round(0.05 * sampleRate);
  const out = new Float32Array(length);
  const phase = (phaseDeg * Math.PI) / 180;
  for (let n = 0; n < length; n++) {
    const edge = Math.min(n, length - 1 - n);
    const gain = edge >= fade ? 1 : 0.5 - 0.5 * Math.cos((Math.PI * edge) / fade);
    out[n] = gain * amplitude * Math.sin((2 * Math.PI * frequency * n) / sampleRate + phase);
  }
  return out;
}

/** Deterministic uniform noise in [−1, 1) (32-bit LCG), so failures reproduce. */
export function seededNoise(length: number, seed: number): Float32Array {
  const out = new Float32Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2147483648 - 1;
  }
  return out;
}
