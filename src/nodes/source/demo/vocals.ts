/**
 * Demo stem "vocals": a wordless sung line ("aah", "ooh", "eh") in A minor, E4–E5
 * (330–659 Hz), in four two-bar phrases with breaths between them, made by source–filter
 * formant synthesis (G. Fant, "Acoustic Theory of Speech Production", 1960; D. Klatt, JASA 67(3),
 * 1980):
 *
 *  1. Glottal source: a band-limited pulse train, additive Σ w_k·sin(k·θ) with a spectral tilt
 *     w_k = k^(−β) (β ≈ 1.0–1.5: steeper when soft, brighter when loud, as a real voice), harmonics
 *     faded out between 4.5 and 6.5 kHz; plus aspiration noise (breathiness, stronger at phrase
 *     onsets).
 *  2. Pitch: portamento between notes (30 ms glide, a small scoop into each phrase), vibrato at
 *     5.4 Hz and ±25 cents fading in 180 ms after each note starts, and a slow random drift.
 *  3. Vocal tract: five Klatt resonators in cascade at the formants of the current vowel
 *     (female averages after G. E. Peterson and H. L. Barney, JASA 24(2), 1952, for F1–F3),
 *     gliding between vowels in ~35 ms.
 *  4. Dynamics: each phrase swells and fades; each new syllable dips briefly (re-articulation).
 *  5. Between phrases, a quiet inhale (band-passed noise). A few early reflections give a
 *     slightly wide room. Energy sits between ~300 Hz and 4 kHz.
 */
import type { ClipAudio } from '../../types';
import { SeededRandom } from '../../../dsp/noise';
import { FormantCascade, SynthBiquad } from './filters';
import { sineCycles } from './oscillators';
import { beatToFrame, DEMO_BEATS, midiToHz } from './music';
import { addCircularEcho, addWrapped, StemBuffer } from './stemBuffer';

const VOCALS_SEED = 0x70ce;
const VOCALS_PEAK_DB = -4;
/** Pitch, formants, tilt and envelopes are updated every this many frames (0.67 ms at 48 kHz). */
const CONTROL_FRAMES = 32;
const MAX_HARMONICS = 40;
/** ln k for the source tilt k^(−β) = exp(−β·ln k). */
const LOG_HARMONIC = Float64Array.from({ length: MAX_HARMONICS + 1 }, (_, k) => (k > 0 ? Math.log(k) : 0));
/** Source harmonics are full strength up to here (Hz) and faded to zero at `TAPER_TOP`. */
const TAPER_BOTTOM = 4500;
const TAPER_TOP = 6500;

type Vowel = 'a' | 'o' | 'e' | 'u';

/** Formant frequencies F1–F5 in Hz of each sung vowel. */
const VOWEL_FORMANTS: Record<Vowel, readonly number[]> = {
  a: [850, 1220, 2810, 3800, 4950],
  o: [590, 920, 2710, 3700, 4950],
  e: [610, 2330, 2990, 3900, 4950],
  u: [370, 950, 2670, 3700, 4950],
};
/** Formant bandwidths in Hz (F1–F5), a little wider than speech for a softer sung tone. */
const FORMANT_BANDWIDTHS = [90, 100, 140, 200, 260];

interface SungNote {
  beat: number;
  beats: number;
  midi: number;
  vowel: Vowel;
  velocity: number;
}

const n = (beat: number, beats: number, midi: number, vowel: Vowel, velocity: number): SungNote => ({
  beat,
  beats,
  midi,
  vowel,
  velocity,
});

/** Four phrases of legato notes; rests (and breaths) between them. */
const PHRASES: readonly (readonly SungNote[])[] = [
  // Bars 1–2 (Am, F)
  [n(0, 1.5, 69, 'a', 0.8), n(1.5, 0.5, 72, 'a', 0.85), n(2, 1, 71, 'o', 0.9), n(3, 1, 69, 'o', 0.85), n(4, 2, 72, 'a', 1), n(6, 1, 69, 'e', 0.75)],
  // Bars 3–4 (C, G)
  [n(8, 1, 67, 'o', 0.75), n(9, 1, 72, 'a', 0.85), n(10, 1.5, 76, 'a', 1), n(11.5, 0.5, 74, 'e', 0.85), n(12, 1.5, 74, 'o', 0.9), n(13.5, 0.5, 71, 'o', 0.8), n(14, 1.5, 67, 'u', 0.7)],
  // Bars 5–6 (Am, F)
  [n(16, 1, 76, 'a', 1), n(17, 0.5, 74, 'a', 0.9), n(17.5, 0.5, 72, 'e', 0.85), n(18, 2, 69, 'a', 0.9), n(20, 1, 72, 'o', 0.8), n(21, 1, 69, 'o', 0.75), n(22, 1.5, 65, 'a', 0.7)],
  // Bars 7–8 (C, G)
  [n(24, 1, 64, 'a', 0.7), n(25, 1, 67, 'a', 0.8), n(26, 1, 72, 'e', 0.9), n(27, 1, 76, 'a', 1), n(28, 2, 74, 'a', 0.95), n(30, 1, 71, 'o', 0.75)],
];

/**
 * How the line is sung in tune or not: the default is the in-tune demo vocal; `vocalsOffkey.ts`
 * detunes each note, scoops into every note and drifts more, for the autotune node to correct.
 */
export interface VocalTuning {
  /** Detune of a note, semitones (phrase index, note index within it). */
  noteOffset(phrase: number, note: number): number;
  /** Each new note after the first starts this many semitones low and glides up (0 = legato). */
  scoopSemitones: number;
  /** Depth of the slow random drift, semitones. */
  driftSemitones: number;
}

/** The in-tune demo vocal. */
export const IN_TUNE: VocalTuning = { noteOffset: () => 0, scoopSemitones: 0, driftSemitones: 0.12 };

/** One-pole smoothing coefficient for time constant `seconds` at `rate` updates per second. */
function smoothing(seconds: number, rate: number): number {
  return 1 - Math.exp(-1 / (seconds * rate));
}

/** Renders one phrase (voice only) into `out`; returns its length in frames. */
function renderPhrase(out: Float64Array, sr: number, phrase: readonly SungNote[], random: SeededRandom, tuning: VocalTuning, phraseIndex: number): number {
  const origin = beatToFrame(phrase[0].beat, sr);
  const last = phrase[phrase.length - 1];
  const releaseAt = beatToFrame(last.beat + last.beats, sr) - origin - Math.round(0.08 * sr);
  const length = releaseAt + Math.round(0.35 * sr);
  const noteStarts = phrase.map((note) => beatToFrame(note.beat, sr) - origin);
  const controlRate = sr / CONTROL_FRAMES;

  const tract = new FormantCascade(sr, FORMANT_BANDWIDTHS.length);
  const highpass = new SynthBiquad(sr).set('highpass', 110, 0);
  const formants = VOWEL_FORMANTS[phrase[0].vowel].slice();
  const weights = new Float64Array(MAX_HARMONICS + 1);

  const pitchGlide = smoothing(0.03, controlRate);
  const formantGlide = smoothing(0.035, controlRate);
  const attackGlide = smoothing(0.025, controlRate);
  const releaseGlide = smoothing(0.07, controlRate);
  const driftGlide = smoothing(0.25, controlRate);
  const vibratoStep = (5.4 * CONTROL_FRAMES) / sr;

  let noteIndex = 0;
  let pitch = phrase[0].midi - 1; // scoop up into the first note
  let phase = 0;
  let vibratoPhase = 0;
  let drift = 0;
  let amp = 0;
  let previousNoise = 0;
  for (let block = 0; block < length; block += CONTROL_FRAMES) {
    // Control rate: pitch, loudness, vowel, source tilt.
    while (noteIndex + 1 < phrase.length && block >= noteStarts[noteIndex + 1]) {
      noteIndex++;
      // A scoop: the new note is approached from below.
      if (tuning.scoopSemitones > 0) pitch = Math.min(pitch, phrase[noteIndex].midi - tuning.scoopSemitones);
    }
    const note = phrase[noteIndex];
    const sinceNote = (block - noteStarts[noteIndex]) / sr;

    // Amplitude: phrase swell (sin arc), a dip at each new syllable, release at the end.
    const arc = 0.8 + 0.2 * Math.sin((Math.PI * Math.min(block, releaseAt)) / releaseAt);
    const dip = noteIndex > 0 && sinceNote < 0.035 ? 0.55 : 1;
    const target = block < releaseAt ? note.velocity * arc * dip : 0;
    amp += (target - amp) * (target > amp ? attackGlide : releaseGlide);

    // Vowel formants glide towards the current note's vowel.
    const vowel = VOWEL_FORMANTS[note.vowel];
    for (let j = 0; j < tract.stages; j++) {
      formants[j] += (vowel[j] - formants[j]) * formantGlide;
      tract.set(j, formants[j], FORMANT_BANDWIDTHS[j]);
    }

    // Pitch: portamento, vibrato fading in after 180 ms, slow random drift (semitones).
    pitch += (note.midi + tuning.noteOffset(phraseIndex, noteIndex) - pitch) * pitchGlide;
    drift += (tuning.driftSemitones * random.bipolar() - drift) * driftGlide;
    const vibratoDepth = 0.25 * Math.min(1, Math.max(0, (sinceNote - 0.18) / 0.3));
    const f0 = midiToHz(pitch + drift + vibratoDepth * sineCycles(vibratoPhase));
    vibratoPhase += vibratoStep;
    const increment = f0 / sr;

    // Source tilt: louder is brighter.
    const beta = 1.5 - 0.5 * Math.min(1, amp);
    const harmonics = Math.min(MAX_HARMONICS, Math.floor(Math.min(TAPER_TOP, sr / 2) / f0));
    for (let k = 1; k <= harmonics; k++) {
      const fk = k * f0;
      const taper =
        fk <= TAPER_BOTTOM ? 1 : 0.5 + 0.5 * Math.cos((Math.PI * (fk - TAPER_BOTTOM)) / (TAPER_TOP - TAPER_BOTTOM));
      weights[k] = amp * Math.exp(-beta * LOG_HARMONIC[k]) * taper;
    }
    // A breathy onset: extra aspiration in the first 60 ms of the phrase.
    const breath = amp * (0.1 + 0.5 * Math.exp(-block / (0.06 * sr)));

    const blockEnd = Math.min(length, block + CONTROL_FRAMES);
    for (let i = block; i < blockEnd; i++) {
      // Additive pulse train via sin((k+1)θ) = 2cosθ·sin(kθ) − sin((k−1)θ).
      const s1 = sineCycles(phase);
      const twoCos = 2 * sineCycles(phase + 0.25);
      let previous = 0;
      let current = s1;
      let voiced = 0;
      for (let k = 1; k <= harmonics; k++) {
        voiced += weights[k] * current;
        const next = twoCos * current - previous;
        previous = current;
        current = next;
      }
      phase += increment;
      if (phase >= 1) phase -= 1;

      // Aspiration: differentiated (brighter) noise, pulsed with the glottal cycle.
      const white = random.bipolar();
      const aspiration = (white - previousNoise) * (0.6 + 0.4 * s1) * breath;
      previousNoise = white;

      out[i] = highpass.tick(tract.tick(voiced + aspiration));
    }
  }
  return length;
}

/** A quiet inhale (band-passed noise, sin² envelope) of `seconds`, into `out`. */
function renderBreath(out: Float64Array, sr: number, seconds: number, random: SeededRandom): number {
  const length = Math.round(seconds * sr);
  const band = new SynthBiquad(sr).set('bandpass', 1700, 1.1);
  const air = new SynthBiquad(sr).set('highpass', 600, 0);
  for (let i = 0; i < length; i++) {
    const s = Math.sin((Math.PI * i) / length);
    out[i] = air.tick(band.tick(random.bipolar())) * s * s;
  }
  return length;
}

/** Renders the vocals stem at `sampleRate` (deterministic), sung with `tuning`. */
export function renderVocals(sampleRate: number, tuning: VocalTuning = IN_TUNE): ClipAudio {
  const random = new SeededRandom(VOCALS_SEED);
  const stem = new StemBuffer(sampleRate);
  const dry = new Float32Array(stem.length);
  const scratch = new Float64Array(Math.ceil(8 * sampleRate));
  // Measured against the voice so the breath sits ~24 dB under it whatever the synthesis gain.
  let voicePeak = 0;
  for (const [index, phrase] of PHRASES.entries()) {
    const count = renderPhrase(scratch, sampleRate, phrase, random, tuning, index);
    for (let i = 0; i < count; i++) voicePeak = Math.max(voicePeak, Math.abs(scratch[i]));
    addWrapped(dry, scratch, count, beatToFrame(phrase[0].beat, sampleRate), 1);
  }
  PHRASES.forEach((phrase, index) => {
    // Inhale ending 80 ms before the next phrase (the last one wraps to the loop start).
    const next = PHRASES[(index + 1) % PHRASES.length][0].beat + (index + 1 === PHRASES.length ? DEMO_BEATS : 0);
    const count = renderBreath(scratch, sampleRate, 0.32, random);
    let breathPeak = 0;
    for (let i = 0; i < count; i++) breathPeak = Math.max(breathPeak, Math.abs(scratch[i]));
    const gain = (voicePeak * Math.pow(10, -24 / 20)) / breathPeak;
    addWrapped(dry, scratch, count, beatToFrame(next, sampleRate) - count - Math.round(0.08 * sampleRate), gain);
  });
  // Early reflections (13/31 ms left, 19/37 ms right), read circularly so the loop stays seamless.
  const at = (ms: number): number => Math.round((ms / 1000) * sampleRate);
  stem.left.set(dry);
  stem.right.set(dry);
  addCircularEcho(stem.left, dry, at(13), 0.16);
  addCircularEcho(stem.left, dry, at(31), 0.09);
  addCircularEcho(stem.right, dry, at(19), 0.14);
  addCircularEcho(stem.right, dry, at(37), 0.08);
  stem.normalisePeak(VOCALS_PEAK_DB);
  return stem.toClip();
}
