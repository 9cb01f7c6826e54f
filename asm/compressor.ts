// AssemblyScript source of the compressor's WebAssembly kernel (built by `npm run build:wasm` into
// src/dsp/wasm/compressorWasmBytes.ts). One call per block runs every pass of
// src/nodes/compressor/kernel.ts — detector powers, the RMS window, the gain computer (the logs),
// the attack/release smoother, the weights (the exps), the channels — with the logs and exps of two
// frames in the two lanes of an f64x2 vector.
//
// The log and exp are src/dsp/fastMath.ts's, operation for operation: the same IEEE double
// additions, multiplications and division in the same order (WebAssembly has no implicit fused
// multiply-add), `floor`, and exact bit moves where the TypeScript multiplies by an exact power of
// two. So every lane computes the bits the TypeScript computes (test/unit/dsp/compressorWasm.test.ts
// and fastMath.test.ts compare them). Branches of the TypeScript become selects: both sides are
// computed and the same one is kept.
//
// Memory is imported (the host sizes it once) and addressed by byte offsets the host passes in.

// The state block (f64 unless noted), written by the host's `configure` and read/written here.
const KNEE_START_POWER = 0;
const THRESHOLD_DB = 8;
const KNEE_DB = 16;
const SLOPE = 24;
const KNEE_SCALE = 32;
const ATTACK = 40;
const RELEASE = 48;
const MAKEUP_DB = 56;
const MAKEUP_GAIN = 64; // 10^(M/20), as fastMath.ts expInRange(M·ln 10/20) computes it
const DRY = 72;
const WET = 80;
const VALUE = 88; // [left, right] smoothed reductions, dB
const SUM = 104; // [left, right] running sums of the RMS windows
const INDEX = 128; // i32 [left, right] write positions of the RMS windows
const RMS_LENGTH = 136; // i32 window length N

/** 10/ln 10: 10·log10 p = POWER_DB_PER_NEPER · ln p. */
const POWER_DB_PER_NEPER: f64 = 4.3429448190325175;
/** ln 10/20: 10^(dB/20) = exp(dB · DB_TO_NEPER). */
const DB_TO_NEPER: f64 = 0.11512925464970229;
/** The smoother's flush level (src/dsp/dynamics/gainSmoother.ts FLUSH_DB). */
const FLUSH_DB: f64 = 1e-12;
const MIN_NORMAL: f64 = 2.2250738585072014e-308;

// @ts-ignore: decorator
@inline
function splat(x: f64): v128 {
  return f64x2.splat(x);
}

/**
 * ln p − offset·ln 2 per lane, for normal p (fastMath.ts `lnNormal`): p = 2^e·m, m ∈ [√2/2, √2),
 * ln m = 2s·Σ_{j=0}^{9} s^2j/(2j+1) with s = (m − 1)/(m + 1).
 */
// @ts-ignore: decorator
@inline
function lnCore(p: v128, offset: v128): v128 {
  const adjusted = i64x2.add(p, i64x2.splat(0x00095f62_00000000));
  // The biased exponent as a double: 2^52 + eb has eb in its low bits, exactly.
  const biased = v128.or(i64x2.shr_u(adjusted, 52), i64x2.splat(0x43300000_00000000));
  const e = f64x2.sub(biased, splat(4503599627370496.0 + 1023.0));
  const m = i64x2.add(v128.and(adjusted, i64x2.splat(0x000fffff_ffffffff)), i64x2.splat(0x3fe6a09e_00000000));
  const f = f64x2.sub(m, splat(1.0));
  const s = f64x2.div(f, f64x2.add(splat(2.0), f));
  // Estrin's scheme, the same tree as fastMath.ts.
  const z = f64x2.mul(s, s);
  const z2 = f64x2.mul(z, z);
  const z4 = f64x2.mul(z2, z2);
  const z8 = f64x2.mul(z4, z4);
  const low = f64x2.add(
    f64x2.add(splat(1.0), f64x2.mul(z, splat(1.0 / 3.0))),
    f64x2.mul(z2, f64x2.add(splat(1.0 / 5.0), f64x2.mul(z, splat(1.0 / 7.0)))),
  );
  const high = f64x2.add(
    f64x2.add(splat(1.0 / 9.0), f64x2.mul(z, splat(1.0 / 11.0))),
    f64x2.mul(z2, f64x2.add(splat(1.0 / 13.0), f64x2.mul(z, splat(1.0 / 15.0)))),
  );
  const series = f64x2.add(
    f64x2.add(low, f64x2.mul(z4, high)),
    f64x2.mul(z8, f64x2.add(splat(1.0 / 17.0), f64x2.mul(z, splat(1.0 / 19.0)))),
  );
  return f64x2.add(
    f64x2.mul(f64x2.sub(e, offset), splat(0.6931471805599453)),
    f64x2.mul(f64x2.mul(splat(2.0), s), series),
  );
}

/**
 * e^y per lane for −708 ≤ y ≤ 709 (fastMath.ts `expInRange`): k = ⌊y/ln 2 + ½⌋,
 * f = (y − k·LN2_HI) − k·LN2_LO, e^f by its Taylor polynomial to f¹², times 2^k built from bits.
 */
// @ts-ignore: decorator
@inline
function expCore(y: v128): v128 {
  const k = f64x2.floor(f64x2.add(f64x2.mul(y, splat(1.4426950408889634)), splat(0.5)));
  const f = f64x2.sub(
    f64x2.sub(y, f64x2.mul(k, splat(6.9314718036912381649e-1))),
    f64x2.mul(k, splat(1.90821492927058770002e-10)),
  );
  // Estrin's scheme, the same tree as fastMath.ts.
  const f2 = f64x2.mul(f, f);
  const f4 = f64x2.mul(f2, f2);
  const f8 = f64x2.mul(f4, f4);
  const low = f64x2.add(
    f64x2.add(splat(1.0), f),
    f64x2.mul(f2, f64x2.add(splat(1.0 / 2.0), f64x2.mul(f, splat(1.0 / 6.0)))),
  );
  const mid = f64x2.add(
    f64x2.add(splat(1.0 / 24.0), f64x2.mul(f, splat(1.0 / 120.0))),
    f64x2.mul(f2, f64x2.add(splat(1.0 / 720.0), f64x2.mul(f, splat(1.0 / 5040.0)))),
  );
  const high = f64x2.add(
    f64x2.add(splat(1.0 / 40320.0), f64x2.mul(f, splat(1.0 / 362880.0))),
    f64x2.mul(f2, f64x2.add(splat(1.0 / 3628800.0), f64x2.mul(f, splat(1.0 / 39916800.0)))),
  );
  const poly = f64x2.add(
    f64x2.add(low, f64x2.mul(f4, mid)),
    f64x2.mul(f8, f64x2.add(high, f64x2.mul(f4, splat(1.0 / 479001600.0)))),
  );
  // 2^k: the low bits of 2^52 + 1023 + k are k's biased exponent; shift them into place.
  const scale = i64x2.shl(f64x2.add(k, splat(4503599627370496.0 + 1023.0)), 52);
  return f64x2.mul(poly, scale);
}

/** The lanes where `mask` is set from `a`, the others from `b`. */
// @ts-ignore: decorator
@inline
function choose(a: v128, b: v128, mask: v128): v128 {
  return v128.bitselect(a, b, mask);
}

/** ln of each of src[0 … count) into dst (fastMath.ts `fastLn`, with its edges); count even. */
export function lnBlock(src: usize, dst: usize, count: i32): void {
  const zero = splat(0.0);
  for (let i = 0; i < count; i += 2) {
    const at = <usize>i << 3;
    const p = v128.load(src + at);
    const subnormal = v128.and(f64x2.gt(p, zero), f64x2.lt(p, splat(MIN_NORMAL)));
    const normal = v128.and(f64x2.ge(p, splat(MIN_NORMAL)), f64x2.lt(p, splat(Infinity)));
    const scaled = choose(f64x2.mul(p, splat(18014398509481984.0)), p, subnormal);
    const r = lnCore(scaled, choose(splat(54.0), zero, subnormal));
    const edge = choose(splat(-Infinity), choose(splat(Infinity), splat(NaN), f64x2.eq(p, splat(Infinity))), f64x2.eq(p, zero));
    const out = choose(r, edge, v128.or(normal, subnormal));
    v128.store(dst + at, out);
  }
}

/** e^y of each of src[0 … count) into dst (fastMath.ts `fastExp`, with its edges); count even. */
export function expBlock(src: usize, dst: usize, count: i32): void {
  for (let i = 0; i < count; i += 2) {
    const at = <usize>i << 3;
    const y = v128.load(src + at);
    const inRange = v128.and(f64x2.ge(y, splat(-708.0)), f64x2.le(y, splat(709.0)));
    const edge = choose(splat(Infinity), choose(splat(0.0), splat(NaN), f64x2.lt(y, splat(-708.0))), f64x2.gt(y, splat(709.0)));
    const out = choose(expCore(y), edge, inRange);
    v128.store(dst + at, out);
  }
}

/** A non-finite sample (NaN, ±Infinity) counts as silence (kernel.ts `finiteOrZero`). */
// @ts-ignore: decorator
@inline
function finite(x: f64): f64 {
  return select<f64>(x, 0.0, x - x == 0.0);
}

/** The RMS window's running mean over work[0 … frames), in place (`MovingAverage.pushBlock`). */
function movingMean(state: usize, channel: usize, ring: usize, work: usize, frames: i32): void {
  const length = load<i32>(state + RMS_LENGTH);
  const lengthF = <f64>length;
  let index = load<i32>(state + INDEX + (channel << 2));
  let sum = load<f64>(state + SUM + (channel << 3));
  for (let i = 0; i < frames; i++) {
    const w = work + (<usize>i << 3);
    const value = load<f64>(w);
    const slot = ring + (<usize>index << 3);
    sum += value - load<f64>(slot);
    store<f64>(slot, value);
    index++;
    if (index == length) {
      index = 0;
      let exact: f64 = 0;
      for (let k = 0; k < length; k++) exact += load<f64>(ring + (<usize>k << 3));
      sum = exact;
    }
    store<f64>(w, sum / lengthF);
  }
  store<i32>(state + INDEX + (channel << 2), index);
  store<f64>(state + SUM + (channel << 3), sum);
}

/**
 * work[0 … frames) from detector powers to the weights (1 − m) + m·g of the frames, in place,
 * through the gain computer, the smoother of `channel` and the exps. @returns the largest
 * smoothed reduction, dB.
 */
function powersToWeights(state: usize, channel: usize, work: usize, frames: i32): f64 {
  // Gain computer (gainComputer.ts `reductionBlock`), two frames per vector.
  const kneeStart = splat(load<f64>(state + KNEE_START_POWER));
  const threshold = splat(load<f64>(state + THRESHOLD_DB));
  const knee = splat(load<f64>(state + KNEE_DB));
  const halfKnee = f64x2.div(knee, splat(2.0));
  const slope = splat(load<f64>(state + SLOPE));
  const kneeScale = splat(load<f64>(state + KNEE_SCALE));
  const zero = splat(0.0);
  for (let i = 0; i < frames; i += 2) {
    const at = work + (<usize>i << 3);
    const p = v128.load(at); // the host's work arrays have room for an even count
    const compressing = f64x2.gt(p, kneeStart);
    if (!v128.any_true(compressing)) {
      v128.store(at, zero); // both frames at or below the knee's start: no log needed
      continue;
    }
    const over = f64x2.sub(f64x2.mul(splat(POWER_DB_PER_NEPER), lnCore(p, zero)), threshold);
    const d = f64x2.add(over, halfKnee);
    const inKnee = f64x2.mul(f64x2.mul(f64x2.mul(slope, d), d), kneeScale);
    const reduction = choose(f64x2.mul(slope, over), inKnee, f64x2.ge(f64x2.add(over, over), knee));
    // `!(p > kneeStart)` → 0, NaN included.
    v128.store(at, choose(reduction, zero, compressing));
  }
  // Branching one-pole smoother (gainSmoother.ts `stepBlock`).
  const attack = load<f64>(state + ATTACK);
  const release = load<f64>(state + RELEASE);
  const valueAt = state + VALUE + (channel << 3);
  let value = load<f64>(valueAt);
  let largest: f64 = 0;
  for (let i = 0; i < frames; i++) {
    const at = work + (<usize>i << 3);
    const target = load<f64>(at);
    const a = select<f64>(attack, release, target > value);
    value = a * value + (1 - a) * target;
    if (!(value >= FLUSH_DB)) value = 0;
    store<f64>(at, value);
    largest = max(largest, value);
  }
  store<f64>(valueAt, value);
  // Weights (kernel.ts `reductionsToWeights`): (1 − m) + m·10^((M − r)/20).
  const makeup = splat(load<f64>(state + MAKEUP_DB));
  const dry = splat(load<f64>(state + DRY));
  const wet = splat(load<f64>(state + WET));
  const idle = f64x2.add(dry, f64x2.mul(wet, splat(load<f64>(state + MAKEUP_GAIN))));
  for (let i = 0; i < frames; i += 2) {
    const at = work + (<usize>i << 3);
    const r = v128.load(at);
    if (!v128.any_true(f64x2.ne(r, zero))) {
      v128.store(at, idle); // no reduction in either frame: the makeup gain, no exp needed
      continue;
    }
    const gain = expCore(f64x2.mul(f64x2.sub(makeup, r), splat(DB_TO_NEPER)));
    v128.store(at, f64x2.add(dry, f64x2.mul(wet, gain)));
  }
  return largest;
}

/** channel[i] = f32(finite(channel[i]) · weights[i]), in place. */
function applyWeights(channel: usize, weights: usize, frames: i32): void {
  for (let i = 0; i < frames; i++) {
    const at = channel + (<usize>i << 2);
    store<f32>(at, <f32>(finite(<f64>load<f32>(at)) * load<f64>(weights + (<usize>i << 3))));
  }
}

/**
 * One block of the compressor (kernel.ts `processLinked` / `processUnlinked`), the main input
 * compressed in place.
 * @param keyL f32 key (detector) samples, left; the main input's own when no sidechain is wired.
 * @param mainL f32 main input, left: read, and overwritten with the output.
 * @param work f64 scratch, `frames` rounded up to even (workR likewise, used when unlinked).
 * @param ringL f64 RMS window of N values, left (ringR right, unlinked only).
 * @param mode bit 0: RMS detector; bit 1: unlinked.
 * @returns the largest smoothed reduction of the block, dB.
 */
export function compress(
  state: usize, keyL: usize, keyR: usize, mainL: usize, mainR: usize,
  work: usize, workR: usize, ringL: usize, ringR: usize, frames: i32, mode: i32,
): f64 {
  const rms = (mode & 1) != 0;
  if ((mode & 2) == 0) {
    for (let i = 0; i < frames; i++) {
      const l = finite(<f64>load<f32>(keyL + (<usize>i << 2)));
      const r = finite(<f64>load<f32>(keyR + (<usize>i << 2)));
      store<f64>(work + (<usize>i << 3), rms ? 0.5 * (l * l + r * r) : max(l * l, r * r));
    }
    if (rms) movingMean(state, 0, ringL, work, frames);
    const largest = powersToWeights(state, 0, work, frames);
    applyWeights(mainL, work, frames);
    applyWeights(mainR, work, frames);
    return largest;
  }
  let largest: f64 = 0;
  for (let c: usize = 0; c < 2; c++) {
    const w = c == 0 ? work : workR;
    const key = c == 0 ? keyL : keyR;
    for (let i = 0; i < frames; i++) {
      const d = finite(<f64>load<f32>(key + (<usize>i << 2)));
      store<f64>(w + (<usize>i << 3), d * d);
    }
    if (rms) movingMean(state, c, c == 0 ? ringL : ringR, w, frames);
    largest = max(largest, powersToWeights(state, c, w, frames));
    applyWeights(c == 0 ? mainL : mainR, w, frames);
  }
  return largest;
}
