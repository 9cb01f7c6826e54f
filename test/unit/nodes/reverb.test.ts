import { describe, expect, it } from 'vitest';
import { BiquadState, biquadCoefficients } from '../../../src/dsp/biquad';
import {
  FREEVERB_COMB_LENGTHS,
  FREEVERB_REFERENCE_RATE,
  FREEVERB_STEREO_SPREAD,
} from '../../../src/dsp/reverb/freeverbTuning';
import { reverbNode } from '../../../src/nodes/reverb';
import {
  FLOAT32_MIN_NORMAL,
  createTestKernel,
  dualMono,
  firstBitDifference,
  firstNonZero,
  renderKernel,
  runKernelSuite,
  seededRandom,
  silence,
  type StereoAudio,
} from './kernelSuite';

runKernelSuite(reverbNode, {
  ports: { inputs: ['in'], outputs: ['out'] },
  extraParams: [{ decay: 10, damping: 20000, size: 1, mix: 1, predelay: 0 }],
});

/** Wet-only impulse response (mix 1) of `frames` samples. */
function impulseResponse(params: Record<string, number>, frames: number, sampleRate: number): StereoAudio {
  const x = silence(frames);
  x.left[0] = 1;
  x.right[0] = 1;
  return renderKernel(reverbNode, { ...params, mix: 1 }, [x], { blockSize: 2048, frames, sampleRate })[0];
}

/**
 * Reverberation time by ISO 3382-1 / Schroeder ("New method of measuring reverberation time",
 * JASA 37, 1965): backward-integrate the squared impulse response into the energy decay curve
 * EDC(t) = Σ_{τ≥t} h²(τ), fit a least-squares line to 10·log10 EDC between −5 and −35 dB (T30)
 * and extrapolate its slope to 60 dB.
 */
function t30(channels: readonly Float32Array[], sampleRate: number): number {
  const n = channels[0].length;
  const edc = new Float64Array(n);
  let acc = 0;
  for (let i = n - 1; i >= 0; i--) {
    for (const h of channels) acc += h[i] * h[i];
    edc[i] = acc;
  }
  const total = edc[0];
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const db = 10 * Math.log10(edc[i] / total);
    if (db > -5) continue;
    if (db < -35) break;
    const t = i / sampleRate;
    sx += t;
    sy += db;
    sxx += t * t;
    sxy += t * db;
    count++;
  }
  const slope = (count * sxy - sx * sy) / (count * sxx - sx * sx);
  return -60 / slope;
}

/** `x` filtered twice by a Web Audio bandpass at `centerHz` with Q = √2 (about an octave wide). */
function octaveBand(x: Float32Array, centerHz: number, sampleRate: number): Float32Array {
  const c = biquadCoefficients('bandpass', centerHz, Math.SQRT2, 0, sampleRate);
  const out = Float32Array.from(x);
  const a = new BiquadState();
  const b = new BiquadState();
  a.process(c, out, out, out.length);
  b.process(c, out, out, out.length);
  return out;
}

/** `x` filtered twice by a Web Audio bandpass at `centerHz` with Q = 4.32 (about a third of an octave). */
function thirdOctaveBand(x: Float32Array, centerHz: number, sampleRate: number): Float32Array {
  const c = biquadCoefficients('bandpass', centerHz, 4.32, 0, sampleRate);
  const out = Float32Array.from(x);
  const a = new BiquadState();
  const b = new BiquadState();
  a.process(c, out, out, out.length);
  b.process(c, out, out, out.length);
  return out;
}

/** Frames long enough for the tail to fall well below −60 dB, so the EDC is not truncated. */
function irFrames(decay: number, sampleRate: number): number {
  return Math.round((1.4 * decay + 0.3) * sampleRate);
}

describe('reverb: definition', () => {
  it('keeps the catalog keys, in the Space category, with defaults inside their ranges', () => {
    expect(reverbNode.type).toBe('reverb');
    expect(reverbNode.category).toBe('Space');
    expect(reverbNode.params.map((p) => p.key)).toEqual(['decay', 'predelay', 'damping', 'size', 'mix']);
    const byKey = Object.fromEntries(reverbNode.params.map((p) => [p.key, p]));
    expect(byKey.decay).toMatchObject({ unit: 's', min: 0.1, max: 10, default: 1.8, scale: 'log' });
    expect(byKey.predelay).toMatchObject({ unit: 'ms', min: 0, max: 200, default: 20 });
    expect(byKey.damping).toMatchObject({ unit: 'Hz', min: 1000, max: 20000, default: 8000 });
    expect(byKey.size).toMatchObject({ min: 0, max: 1, default: 0.7 });
    expect(byKey.mix).toMatchObject({ min: 0, max: 1, default: 0.25 });
    for (const p of reverbNode.params) expect(p.help.length).toBeGreaterThan(20);
    expect(createTestKernel(reverbNode, {}, { blockSize: 128, frames: 0 }).latencySamples).toBe(0);
  });
});

describe('reverb: RT60 follows `decay` (Schroeder EDC, T30)', () => {
  for (const sampleRate of [48000, 44100]) {
    for (const decay of [0.5, 1.8, 4]) {
      it(`broadband T30 within ±10 % of decay = ${decay} s at ${sampleRate} Hz (size 0.7 default, damping off)`, () => {
        const ir = impulseResponse({ decay, damping: 20000, predelay: 0 }, irFrames(decay, sampleRate), sampleRate);
        const measured = t30([ir.left, ir.right], sampleRate);
        expect(Math.abs(measured - decay) / decay).toBeLessThan(0.1);
      });
      it(`500 Hz octave-band T30 within ±10 % of decay = ${decay} s at ${sampleRate} Hz (size 0.7, damping 8000 Hz defaults)`, () => {
        const ir = impulseResponse({ decay, predelay: 0 }, irFrames(decay, sampleRate), sampleRate);
        const measured = t30([octaveBand(ir.left, 500, sampleRate), octaveBand(ir.right, 500, sampleRate)], sampleRate);
        expect(Math.abs(measured - decay) / decay).toBeLessThan(0.1);
      });
    }
  }

  for (const [dampingHz, bandHz] of [
    [8000, 8000],
    [3000, 4000],
  ] as const) {
    it(`shortens the ${bandHz} Hz decay as the loop low-pass at ${dampingHz} Hz predicts (decay 4 s, 48 kHz)`, () => {
      // Per trip round comb i (d_i samples) the band loses 60·d_i/(T·fs) dB from g_i plus
      // −20·log10|H(f)| from the bilinear one-pole, |H| = 1/√(1 + (tan(πf/fs)/tan(πfc/fs))²),
      // so that comb decays with T_i = 60 / (loss per trip · fs/d_i). The band's EDC is then the
      // sum of the eight combs' exponentials (equal start energy), fitted like the measurement.
      const sampleRate = 48000;
      const decay = 4;
      const ir = impulseResponse({ decay, damping: dampingHz, predelay: 0 }, irFrames(decay, sampleRate), sampleRate);
      const measured = t30([thirdOctaveBand(ir.left, bandHz, sampleRate), thirdOctaveBand(ir.right, bandHz, sampleRate)], sampleRate);
      const K = Math.tan((Math.PI * dampingHz) / sampleRate);
      const lossDb = 10 * Math.log10(1 + (Math.tan((Math.PI * bandHz) / sampleRate) / K) ** 2);
      // Decay rate of each comb in dB/s: (loss per trip) / (trip length in s).
      const rates = FREEVERB_COMB_LENGTHS.map((base) => {
        const tripSeconds = Math.round(base * (sampleRate / FREEVERB_REFERENCE_RATE)) / sampleRate;
        return 60 / decay + lossDb / tripSeconds;
      });
      const model = new Float32Array(ir.left.length);
      for (let n = 0; n < model.length; n++) {
        let e = 0;
        for (const r of rates) e += Math.pow(10, (-r * n) / sampleRate / 10);
        model[n] = Math.sqrt(e);
      }
      const predicted = t30([model], sampleRate);
      // The band's lower edge decays slower than its centre, so the measurement sits a little above.
      expect(measured).toBeLessThan(0.8 * decay);
      expect(Math.abs(measured - predicted) / predicted).toBeLessThan(0.15);
    });
  }

  for (const size of [0, 0.3, 1]) {
    it(`keeps T30 within ±10 % of decay = 1.8 s when size = ${size} changes the loop lengths (48 kHz, damping off)`, () => {
      const ir = impulseResponse({ decay: 1.8, size, damping: 20000, predelay: 0 }, irFrames(1.8, 48000), 48000);
      const measured = t30([ir.left, ir.right], 48000);
      expect(Math.abs(measured - 1.8) / 1.8).toBeLessThan(0.1);
    });
  }
});

describe('reverb: determinism, onset and stereo', () => {
  it('renders the same samples every time (fresh kernels and block sizes)', () => {
    const frames = 48000;
    const rand = seededRandom(5);
    const input = dualMono(Float32Array.from({ length: frames }, (_, n) => (n < 4800 ? 2 * rand() - 1 : 0)));
    const a = renderKernel(reverbNode, {}, [input], { blockSize: 128, frames, sampleRate: 48000 })[0];
    const again = renderKernel(reverbNode, {}, [input], { blockSize: 128, frames, sampleRate: 48000 })[0];
    const b = renderKernel(reverbNode, {}, [input], { blockSize: 777, frames, sampleRate: 48000 })[0];
    for (const other of [again, b]) {
      expect(firstBitDifference(a.left, other.left)).toBe(-1);
      expect(firstBitDifference(a.right, other.right)).toBe(-1);
    }
    expect(firstNonZero(a.left.subarray(4800 + 2000))).toBeGreaterThanOrEqual(0);
  });

  for (const [sampleRate, predelay, size] of [
    [48000, 0, 0.7],
    [48000, 20, 0.7],
    [44100, 137.3, 0.2],
    [96000, 200, 1],
  ] as const) {
    it(`starts the wet signal at predelay + the shortest comb (${predelay} ms, size ${size}, ${sampleRate} Hz)`, () => {
      // The combs have no direct path (their output is the line's oldest sample) and the allpasses
      // add no delay, so an impulse first leaves channel c at round(predelay·fs/1000) + min d_c,
      // with d = round(base·(0.3 + size)·fs/44100) (+ round(23·fs/44100) on the right).
      const ratio = sampleRate / FREEVERB_REFERENCE_RATE;
      const scale = 0.3 + size;
      const shortestLeft = Math.round(Math.min(...FREEVERB_COMB_LENGTHS) * scale * ratio);
      const shortestRight = shortestLeft + Math.round(FREEVERB_STEREO_SPREAD * ratio);
      const p = Math.round((predelay * sampleRate) / 1000);
      const ir = impulseResponse({ predelay, size }, p + shortestRight + 100, sampleRate);
      expect(firstNonZero(ir.left)).toBe(p + shortestLeft);
      expect(firstNonZero(ir.right)).toBe(p + shortestRight);
    });
  }

  it('decorrelates left from right: |correlation| of the tail well below 1', () => {
    const sampleRate = 48000;
    const ir = impulseResponse({}, sampleRate, sampleRate);
    // The tail from 50 ms to 1 s, past the first echoes.
    let lr = 0;
    let ll = 0;
    let rr = 0;
    for (let n = 0.05 * sampleRate; n < sampleRate; n++) {
      lr += ir.left[n] * ir.right[n];
      ll += ir.left[n] * ir.left[n];
      rr += ir.right[n] * ir.right[n];
    }
    const correlation = lr / Math.sqrt(ll * rr);
    expect(Math.abs(correlation)).toBeLessThan(0.2);
  });
});

describe('reverb: denormals and the cost of silence', () => {
  it('a 60 s silent tail after a burst holds only exact zeros or normal floats and is not > 3× slower than 60 s of noise', () => {
    const sampleRate = 48000;
    const frames = 60 * sampleRate;
    const rand = seededRandom(9);
    const noise = dualMono(Float32Array.from({ length: frames }, () => 2 * rand() - 1));
    const burstThenSilence = silence(frames);
    for (let n = 0; n < sampleRate / 10; n++) burstThenSilence.left[n] = burstThenSilence.right[n] = 2 * rand() - 1;
    const params = { decay: 1.8, mix: 1 };
    const time = (input: StereoAudio): [number, StereoAudio] => {
      const t0 = performance.now();
      const out = renderKernel(reverbNode, params, [input], { blockSize: 1024, frames, sampleRate })[0];
      return [performance.now() - t0, out];
    };
    time(noise); // warm-up (JIT)
    const [noiseMs] = time(noise);
    const [tailMs, tail] = time(burstThenSilence);
    for (const ch of [tail.left, tail.right]) {
      for (let n = 0; n < frames; n++) {
        const v = ch[n];
        if (v !== 0 && Math.abs(v) < FLOAT32_MIN_NORMAL) throw new Error(`subnormal ${v} at ${n}`);
      }
    }
    // 60 dB per 1.8 s: the loops pass 1e-25 (−500 dB) after about 15 s and are flushed to zero.
    expect(tail.left[frames - 1]).toBe(0);
    expect(tail.right[frames - 1]).toBe(0);
    expect(tailMs / noiseMs).toBeLessThan(3);
  });
});
