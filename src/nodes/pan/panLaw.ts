/**
 * Equal-power stereo panning of a stereo signal, as the Web Audio API specifies it for a
 * StereoPannerNode with two input channels (spec section "StereoPannerNode Panning",
 * https://webaudio.github.io/web-audio-api/#stereopanner-algorithm):
 *
 *   pan ≤ 0:  x = pan + 1,  outL = inL + inR·cos(x·π/2),  outR = inR·sin(x·π/2)
 *   pan > 0:  x = pan,      outL = inL·cos(x·π/2),        outR = inR + inL·sin(x·π/2)
 *
 * Both cases are one 2×2 matrix, so the kernel needs no branch per sample:
 *   outL = ll·inL + lr·inR,  outR = rl·inL + rr·inR
 */

/** The 2×2 matrix that maps (inL, inR) to (outL, outR). */
export interface PanMatrix {
  ll: number;
  lr: number;
  rl: number;
  rr: number;
}

/**
 * Matrix for a pan position.
 * @param pan −1 (hard left) .. 1 (hard right); values outside are clamped as the spec clamps
 *   the AudioParam to its nominal range.
 */
export function panMatrix(pan: number): PanMatrix {
  const p = Math.min(Math.max(pan, -1), 1);
  if (p === 0) {
    // The exact limit of the formula: Math.cos(π/2) is 6.1e-17, not 0, which would leak a
    // trace of the right channel into the left at the centre.
    return { ll: 1, lr: 0, rl: 0, rr: 1 };
  }
  if (p < 0) {
    const x = ((p + 1) * Math.PI) / 2;
    return { ll: 1, lr: Math.cos(x), rl: 0, rr: Math.sin(x) };
  }
  const x = (p * Math.PI) / 2;
  return { ll: Math.cos(x), lr: 0, rl: Math.sin(x), rr: 1 };
}
