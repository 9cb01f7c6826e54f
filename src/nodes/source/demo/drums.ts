/**
 * Demo stem "drums": a pop/rock groove on a 16th-note grid — kick, snare with ghost notes,
 * closed and open hi-hats, two crashes and a snare fill into the loop point — with sharp
 * transients (so a compressor's attack is audible) and energy up to the top octave (hats,
 * crash). Every hit is synthesized:
 *  - kick: a sine swept from ~170 Hz down to 48 Hz, soft-clipped, plus a band-passed noise click
 *  - snare: two pitched partials (body) plus high-passed noise (wires), decorrelated left/right
 *  - hi-hats and crash: high-passed noise with short (closed) or long (open, crash) decays
 */
import type { ClipAudio } from '../../types';
import { SeededRandom } from '../../../dsp/noise';
import { FormantResonator, SynthBiquad } from './filters';
import { beatToFrame, DEMO_BARS, panGains, SECONDS_PER_BEAT } from './music';
import { sineCycles, softClip } from './oscillators';
import { StemBuffer } from './stemBuffer';

const DRUMS_SEED = 0xd2a5;
/** Peak level of the finished stem in dBFS. */
const DRUMS_PEAK_DB = -3;

/** A 16th note is a quarter of a beat. */
const STEP_BEATS = 0.25;

type DrumVoice = 'kick' | 'snare' | 'closedHat' | 'openHat' | 'crash';

interface DrumHit {
  voice: DrumVoice;
  /** 16th-note step from the loop start (16 per bar). */
  step: number;
  velocity: number;
}

/** The groove, bar by bar (see docs/demo-stems.md). */
function groove(random: SeededRandom): DrumHit[] {
  const hits: DrumHit[] = [];
  // Small random velocity variation (±5 %) so repeated hits are not identical.
  const add = (voice: DrumVoice, bar: number, step: number, velocity: number): void => {
    hits.push({ voice, step: bar * 16 + step, velocity: velocity * (0.95 + 0.1 * random.next()) });
  };
  for (let bar = 0; bar < DEMO_BARS; bar++) {
    const odd = bar % 2 === 1;
    const last = bar === DEMO_BARS - 1;
    const kicks = last ? [0, 6, 8] : odd ? [0, 6, 8, 14] : [0, 8, 10];
    for (const step of kicks) add('kick', bar, step, step === 0 ? 1 : 0.9);
    add('snare', bar, 4, 1);
    add('snare', bar, 12, last ? 0.9 : 1);
    if (last) {
      // Fill into the top of the loop.
      add('snare', bar, 13, 0.45);
      add('snare', bar, 14, 0.65);
      add('snare', bar, 15, 0.85);
    } else if (odd) {
      add('snare', bar, 7, 0.22);
    } else {
      add('snare', bar, 15, 0.18);
    }
    const openAt = odd && !last ? 14 : -1;
    for (let step = 0; step < 16; step += 2) {
      if (step === openAt) continue;
      add('closedHat', bar, step, step % 4 === 0 ? 0.95 : 0.7);
    }
    if (bar >= 4) for (let step = 1; step < 16; step += 2) add('closedHat', bar, step, 0.35);
    if (openAt >= 0) add('openHat', bar, openAt, 0.8);
    if (bar === 0) add('crash', bar, 0, 0.9);
    if (bar === 4) add('crash', bar, 0, 0.7);
  }
  return hits;
}

/** Mix level and pan of each voice. */
const VOICE_MIX: Record<DrumVoice, { gain: number; pan: number }> = {
  kick: { gain: 1, pan: 0 },
  snare: { gain: 0.8, pan: 0 },
  closedHat: { gain: 0.32, pan: 0.35 },
  openHat: { gain: 0.28, pan: 0.35 },
  crash: { gain: 0.12, pan: -0.35 },
};

/** Linear fade over the last `fade` frames of a hit, so every hit ends at exactly zero. */
function tailFade(i: number, length: number, fade: number): number {
  const left = length - i;
  return left < fade ? left / fade : 1;
}

/** Kick: pitch-swept sine f(t) = 48 + 120·e^(−t/30 ms) Hz, decay 160 ms, plus a noise click. */
function renderKick(out: Float64Array, sr: number, random: SeededRandom): number {
  const length = Math.round(0.45 * sr);
  const fade = Math.round(0.03 * sr);
  const attack = 0.0005 * sr;
  const click = new SynthBiquad(sr).set('bandpass', 3500, 0.8);
  const drive = 1.8;
  const driveNorm = 1 / softClip(drive);
  const sweepDecay = Math.exp(-1 / (0.03 * sr));
  const bodyDecay = Math.exp(-1 / (0.16 * sr));
  const clickDecay = Math.exp(-1 / (0.005 * sr));
  let sweep = 1;
  let body = 1;
  let clickEnv = 1;
  let phase = 0;
  for (let i = 0; i < length; i++) {
    const ramp = i < attack ? i / attack : 1;
    const tone = softClip(drive * sineCycles(phase) * body) * driveNorm;
    const noise = click.tick(random.bipolar()) * clickEnv;
    out[i] = (0.9 * tone + 0.7 * noise) * ramp * tailFade(i, length, fade);
    phase += (48 + 120 * sweep) / sr;
    sweep *= sweepDecay;
    body *= bodyDecay;
    clickEnv *= clickDecay;
  }
  return length;
}

/**
 * Snare: body partials at ~180 Hz (falling from 240 Hz) and 330 Hz, decay 60 ms; wires =
 * noise high-passed at 1.5 kHz and resonant around 5 kHz, decay 110 ms, slightly different in
 * each channel for width.
 */
function renderSnare(outL: Float64Array, outR: Float64Array, sr: number, random: SeededRandom): number {
  const length = Math.round(0.3 * sr);
  const fade = Math.round(0.02 * sr);
  const attack = 0.0003 * sr;
  const hpL = new SynthBiquad(sr).set('highpass', 1500, 0);
  const hpR = new SynthBiquad(sr).set('highpass', 1500, 0);
  const ringL = new FormantResonator(sr);
  const ringR = new FormantResonator(sr);
  ringL.set(5000, 2500);
  ringR.set(5000, 2500);
  const toneDecay = Math.exp(-1 / (0.06 * sr));
  const noiseDecay = Math.exp(-1 / (0.11 * sr));
  const pitchDecay = Math.exp(-1 / (0.01 * sr));
  let toneEnv = 1;
  let noiseEnv = 1;
  let pitch = 1;
  let phase1 = 0;
  let phase2 = 0;
  for (let i = 0; i < length; i++) {
    const shape = (i < attack ? i / attack : 1) * tailFade(i, length, fade);
    const body = (0.7 * sineCycles(phase1) + 0.35 * sineCycles(phase2)) * toneEnv;
    const common = random.bipolar();
    const spread = 0.35 * random.bipolar();
    const wiresL = ringL.tick(hpL.tick(common + spread)) * noiseEnv;
    const wiresR = ringR.tick(hpR.tick(common - spread)) * noiseEnv;
    outL[i] = (body + 1.1 * wiresL) * shape;
    outR[i] = (body + 1.1 * wiresR) * shape;
    phase1 += (180 + 60 * pitch) / sr;
    phase2 += 330 / sr;
    toneEnv *= toneDecay;
    noiseEnv *= noiseDecay;
    pitch *= pitchDecay;
  }
  return length;
}

/**
 * Cymbal-like noise: two independent-ish noise channels high-passed at `cutoff`, exponential
 * decay `decaySeconds`, `seconds` long. Closed hat ≈ 25 ms decay; open hat is choked by the next
 * closed hat after `seconds`; the crash rings for seconds.
 */
function renderMetal(
  outL: Float64Array,
  outR: Float64Array,
  sr: number,
  random: SeededRandom,
  seconds: number,
  decaySeconds: number,
  cutoff: number,
  correlation: number,
): number {
  const length = Math.round(seconds * sr);
  const fade = Math.round(Math.min(0.02, seconds / 4) * sr);
  const attack = 0.0003 * sr;
  const hpL = new SynthBiquad(sr).set('highpass', cutoff, 3);
  const hpR = new SynthBiquad(sr).set('highpass', cutoff, 3);
  const hp2L = new SynthBiquad(sr).set('highpass', cutoff, 0);
  const hp2R = new SynthBiquad(sr).set('highpass', cutoff, 0);
  const decay = Math.exp(-1 / (decaySeconds * sr));
  const own = Math.sqrt(1 - correlation * correlation);
  let env = 1;
  for (let i = 0; i < length; i++) {
    const shape = env * (i < attack ? i / attack : 1) * tailFade(i, length, fade);
    const common = random.bipolar();
    const l = correlation * common + own * random.bipolar();
    const r = correlation * common + own * random.bipolar();
    outL[i] = hp2L.tick(hpL.tick(l)) * shape;
    outR[i] = hp2R.tick(hpR.tick(r)) * shape;
    env *= decay;
  }
  return length;
}

/** A rendered hit: one take of a voice, played back at any velocity like a drum machine. */
interface DrumSample {
  left: Float64Array;
  right: Float64Array;
  length: number;
}

/** Takes per voice; hits pick one at random so repeated hits differ slightly. */
const TAKES: Record<DrumVoice, number> = { kick: 2, snare: 3, closedHat: 4, openHat: 2, crash: 1 };

/** Renders one take of `voice` with its own noise. */
function renderTake(voice: DrumVoice, sr: number, random: SeededRandom): DrumSample {
  const seconds = voice === 'crash' ? 2.6 : 0.5;
  const left = new Float64Array(Math.ceil(seconds * sr));
  const right = new Float64Array(left.length);
  let length = 0;
  switch (voice) {
    case 'kick':
      length = renderKick(left, sr, random);
      right.set(left);
      break;
    case 'snare':
      length = renderSnare(left, right, sr, random);
      break;
    case 'closedHat':
      length = renderMetal(left, right, sr, random, 0.09, 0.025, 7500, 0.9);
      break;
    case 'openHat':
      // Choked by the next closed hat, two 16ths later.
      length = renderMetal(left, right, sr, random, 2 * STEP_BEATS * SECONDS_PER_BEAT + 0.01, 0.3, 7000, 0.85);
      break;
    case 'crash':
      length = renderMetal(left, right, sr, random, 2.6, 0.8, 4000, 0.3);
      break;
  }
  return { left, right, length };
}

/** Renders the drums stem at `sampleRate` (deterministic). */
export function renderDrums(sampleRate: number): ClipAudio {
  const stem = new StemBuffer(sampleRate);
  const random = new SeededRandom(DRUMS_SEED);
  const takes = new Map<DrumVoice, DrumSample[]>();
  for (const voice of Object.keys(TAKES) as DrumVoice[]) {
    const list: DrumSample[] = [];
    for (let t = 0; t < TAKES[voice]; t++) list.push(renderTake(voice, sampleRate, random));
    takes.set(voice, list);
  }
  for (const hit of groove(random)) {
    const list = takes.get(hit.voice) ?? [];
    const take = list[Math.floor(random.next() * list.length)];
    const mix = VOICE_MIX[hit.voice];
    const pan = panGains(mix.pan);
    // panGains is −3 dB at centre; √2 restores unity there.
    const gain = mix.gain * hit.velocity * Math.SQRT2;
    const start = beatToFrame(hit.step * STEP_BEATS, sampleRate);
    stem.addStereo(take.left, take.right, take.length, start, gain * pan.left, gain * pan.right);
  }
  stem.normalisePeak(DRUMS_PEAK_DB);
  return stem.toClip();
}
