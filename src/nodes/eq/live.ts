/**
 * Live builder of the `eq` node: nine BiquadFilterNodes in series, one per slot of
 * `EQ_SECTION_IDS`, each set to exactly the frequency, Q and gain `eqSections` decides (Web Audio
 * Q conventions: dB for the pass filters, linear for peaks, ignored by shelves).
 *
 * A slot `eqSections` leaves out (a band at 0 dB, a pass filter switched off) is set to the
 * frequency where the spec's formulas give exactly b = (1, 0, 0), a = (0, 0) — 0 Hz for
 * highpass, low shelf and peaks, Nyquist for lowpass and high shelf (spec, "Filters
 * characteristics", the f0 limits) — so it passes the signal unchanged. Changes glide: a band
 * switched on ramps its gain up from 0 dB (a pass filter its frequency in from the identity end),
 * a band switched off ramps its gain to 0 dB and only then moves to the identity frequency.
 *
 * Chromium's BiquadFilterNode rounds differently from the kernel's double-precision cascade:
 * about −100 dB of residual, more for low high-pass frequencies (measured in docs/parity.md).
 */
import type { ResolvedParams } from '../../graph/catalog';
import type { BiquadType } from '../../dsp/biquad';
import type { LiveBuildContext, LiveNodeBuilder, ParamTiming, SmoothParam } from '../liveTypes';
import { EQ_SECTION_IDS, eqSections, type EqSection, type EqSectionId } from './eqSections';
import { eqNode } from './index';

/** The fixed filter type of each slot. */
const SLOT_TYPES: Record<EqSectionId, BiquadType> = {
  highpass1: 'highpass',
  highpass2: 'highpass',
  lowShelf: 'lowshelf',
  peak1: 'peaking',
  peak2: 'peaking',
  peak3: 'peaking',
  highShelf: 'highshelf',
  lowpass1: 'lowpass',
  lowpass2: 'lowpass',
};

/** Pass filters switch by frequency; shelves and peaks by gain. */
const isPassFilter = (type: BiquadType): boolean => type === 'highpass' || type === 'lowpass';

interface Slot {
  id: EqSectionId;
  type: BiquadType;
  filter: BiquadFilterNode;
  frequency: SmoothParam;
  q: SmoothParam;
  gain: SmoothParam;
  active: boolean;
}

/** The frequency at which a slot's type is an exact identity (see the file comment). */
function identityFrequency(type: BiquadType, sampleRate: number): number {
  return type === 'lowpass' || type === 'highshelf' ? sampleRate / 2 : 0;
}

function sectionsById(params: ResolvedParams, sampleRate: number): Map<EqSectionId, EqSection> {
  return new Map(eqSections(params, sampleRate).map((s) => [s.id, s]));
}

function buildSlot(ctx: LiveBuildContext, id: EqSectionId, section: EqSection | undefined): Slot {
  const type = SLOT_TYPES[id];
  const filter = ctx.context.createBiquadFilter();
  filter.channelCount = 2;
  filter.channelCountMode = 'explicit';
  filter.channelInterpretation = 'speakers';
  filter.type = type;
  return {
    id,
    type,
    filter,
    frequency: ctx.smooth(filter.frequency, section?.frequency ?? identityFrequency(type, ctx.sampleRate)),
    q: ctx.smooth(filter.Q, section?.q ?? 1),
    gain: ctx.smooth(filter.gain, section?.gain ?? 0),
    active: section !== undefined,
  };
}

/** Moves one slot to its new section (or to identity), gliding as the file comment describes. */
function retune(slot: Slot, section: EqSection | undefined, timing: ParamTiming, sampleRate: number): void {
  const { at, rampSeconds } = timing;
  const end = at + rampSeconds;
  if (section !== undefined) {
    if (!slot.active && !isPassFilter(slot.type)) {
      // From identity at 0 dB: place the band first (inaudible at 0 dB), then raise its gain.
      slot.frequency.setAt(section.frequency, at);
      slot.q.setAt(section.q, at);
    } else {
      slot.frequency.rampTo(section.frequency, timing);
      slot.q.rampTo(section.q, timing);
    }
    slot.gain.rampTo(section.gain, timing);
  } else if (slot.active) {
    if (isPassFilter(slot.type)) {
      slot.frequency.rampTo(identityFrequency(slot.type, sampleRate), timing);
    } else {
      slot.gain.rampTo(0, timing);
      slot.frequency.setAt(identityFrequency(slot.type, sampleRate), end);
    }
  }
  slot.active = section !== undefined;
}

/** Live builder of `eq` (see the file comment). */
export const eqLive: LiveNodeBuilder = {
  type: eqNode.type,
  build(ctx, params, ports) {
    const initial = sectionsById(params, ctx.sampleRate);
    const slots = EQ_SECTION_IDS.map((id) => buildSlot(ctx, id, initial.get(id)));
    ports.inputs[0].connect(slots[0].filter);
    for (let i = 1; i < slots.length; i++) slots[i - 1].filter.connect(slots[i].filter);
    return {
      output: slots[slots.length - 1].filter,
      setParams(next, _changed, timing) {
        const sections = sectionsById(next, ctx.sampleRate);
        for (const slot of slots) retune(slot, sections.get(slot.id), timing, ctx.sampleRate);
      },
      dispose() {
        for (const slot of slots) slot.filter.disconnect();
      },
    };
  },
};
