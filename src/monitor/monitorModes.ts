/**
 * Monitor modes: what the listener hears of a stereo signal, as a 2×2 gain matrix
 *   [L'; R'] = [[ll, lr], [rl, rr]] · [L; R]
 * Pure data so the live chain (two ChannelSplitter/Gain/Merger sets) and the tests read the same
 * numbers. Switching modes ramps the gains (the live chain's job) so it never clicks.
 */

/** Monitor modes in the panel's order. */
export const MONITOR_MODES = ['stereo', 'mono', 'side', 'left', 'right', 'swap'] as const;
export type MonitorMode = (typeof MONITOR_MODES)[number];

/** Gains from each input channel to each output channel. */
export interface StereoMatrix {
  /** L → L'. */ ll: number;
  /** R → L'. */ lr: number;
  /** L → R'. */ rl: number;
  /** R → R'. */ rr: number;
}

/** Labels for the panel. */
export const MONITOR_MODE_LABELS: Record<MonitorMode, string> = {
  stereo: 'Stereo',
  mono: 'Mono',
  side: 'Side',
  left: 'Left',
  right: 'Right',
  swap: 'Swap',
};

/**
 * The matrix of a mode. Mono is (L+R)/2 on both speakers, Side (L−R)/2 on both; Left/Right put
 * one channel on both speakers; Swap exchanges them.
 */
export function monitorModeMatrix(mode: MonitorMode): StereoMatrix {
  switch (mode) {
    case 'stereo':
      return { ll: 1, lr: 0, rl: 0, rr: 1 };
    case 'mono':
      return { ll: 0.5, lr: 0.5, rl: 0.5, rr: 0.5 };
    case 'side':
      return { ll: 0.5, lr: -0.5, rl: 0.5, rr: -0.5 };
    case 'left':
      return { ll: 1, lr: 0, rl: 1, rr: 0 };
    case 'right':
      return { ll: 0, lr: 1, rl: 0, rr: 1 };
    case 'swap':
      return { ll: 0, lr: 1, rl: 1, rr: 0 };
  }
}

/**
 * Width as a matrix (mid/side): L' = M + w·S, R' = M − w·S, M = (L+R)/2, S = (L−R)/2,
 * so ll = rr = (1+w)/2 and lr = rl = (1−w)/2. w = 1 is the identity, w = 0 mono.
 */
export function widthMatrix(width: number): StereoMatrix {
  const a = (1 + width) / 2;
  const b = (1 - width) / 2;
  return { ll: a, lr: b, rl: b, rr: a };
}

/** `second · first`: apply `first`, then `second`. */
export function composeMatrices(second: StereoMatrix, first: StereoMatrix): StereoMatrix {
  return {
    ll: second.ll * first.ll + second.lr * first.rl,
    lr: second.ll * first.lr + second.lr * first.rr,
    rl: second.rl * first.ll + second.rr * first.rl,
    rr: second.rl * first.lr + second.rr * first.rr,
  };
}
