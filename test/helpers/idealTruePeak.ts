/**
 * The ideal band-limited reconstruction's peak, computed by numpy — never by our interpolator.
 *
 * Each channel is padded with silence (so the FFT's circular wrap joins silence to silence),
 * upsampled 8× by zero-padding its spectrum (the Nyquist bin split evenly between ±fs/2), and
 * the largest |y| is refined by the parabola through it and its two neighbours on the 8× grid
 * (for a 20 kHz tone at 44.1 kHz the refined 8× grid is within 0.003 dB of the crest).
 * That is the band-limited (sinc) interpolation of the samples, with silence before and after.
 */
import { spawnSync } from 'node:child_process';

const SCRIPT = `
import sys, numpy as np
lengths = [int(v) for v in sys.argv[1].split(',')]
data = np.frombuffer(sys.stdin.buffer.read(), dtype='<f8')
up, pos, out = 8, 0, []
for length in lengths:
    x = data[pos:pos + length]
    pos += length
    pad = 4096
    n = len(x) + 2 * pad
    n += (-n) % 4096
    padded = np.zeros(n)
    padded[pad:pad + len(x)] = x
    X = np.fft.rfft(padded)
    Y = np.zeros(n * up // 2 + 1, dtype=complex)
    Y[:len(X)] = X
    Y[n // 2] *= 0.5
    y = np.fft.irfft(Y, n * up) * up
    i = int(np.argmax(np.abs(y)))
    a, b, c = y[i - 1], y[i], y[(i + 1) % len(y)]
    if b < 0:
        a, b, c = -a, -b, -c
    peak = b
    curvature = a - 2 * b + c
    if curvature < 0:
        offset = 0.5 * (a - c) / curvature
        peak = max(b, b - 0.25 * (a - c) * offset)
    out.append('%.6f' % (20 * np.log10(peak)) if peak > 0 else '-inf')
print(' '.join(out))
`;

/**
 * True peak of the ideal reconstruction of each signal, dBTP (−Infinity for silence), in one
 * numpy run.
 */
export function idealTruePeaksDb(signals: ReadonlyArray<ArrayLike<number>>): number[] {
  let total = 0;
  for (const x of signals) total += x.length;
  const data = new Float64Array(total);
  let pos = 0;
  for (const x of signals) {
    for (let i = 0; i < x.length; i++) data[pos + i] = x[i];
    pos += x.length;
  }
  const run = spawnSync('python3', ['-c', SCRIPT, signals.map((x) => x.length).join(',')], {
    input: Buffer.from(data.buffer),
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`python3/numpy ideal true peak failed: ${run.stderr?.toString().slice(-500)}`);
  return run.stdout
    .toString()
    .trim()
    .split(' ')
    .map((t) => (t === '-inf' ? -Infinity : Number(t)));
}

/** True peak of the ideal reconstruction over all `channels`, dBTP. */
export function idealTruePeakDb(channels: ReadonlyArray<ArrayLike<number>>): number {
  return Math.max(...idealTruePeaksDb(channels));
}

/**
 * ffmpeg's `ebur128=peak=true` true peak of stereo float samples (ffmpeg prints one decimal).
 */
export function ffmpegTruePeakDb(left: Float32Array, right: Float32Array, sampleRate: number): number {
  const interleaved = new Float32Array(2 * left.length);
  for (let i = 0; i < left.length; i++) {
    interleaved[2 * i] = left[i];
    interleaved[2 * i + 1] = right[i];
  }
  const run = spawnSync(
    'ffmpeg',
    ['-hide_banner', '-nostats', '-f', 'f32le', '-ar', String(sampleRate), '-ac', '2', '-i', 'pipe:0', '-af', 'ebur128=peak=true', '-f', 'null', '-'],
    { input: Buffer.from(interleaved.buffer), maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr?.toString().slice(-500)}`);
  const log = run.stderr.toString();
  const m = /True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS/.exec(log.slice(log.lastIndexOf('Summary:')));
  if (!m) throw new Error(`ffmpeg ebur128 summary not understood:\n${log.slice(-800)}`);
  return m[1] === '-inf' ? -Infinity : Number(m[1]);
}
