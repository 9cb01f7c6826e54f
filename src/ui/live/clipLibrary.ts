/**
 * Audio files the user dropped in this session, kept decoded in memory as the file gave them
 * (its own rate and channels). The live engine gets each clip at the context's rate, a bounce at
 * the bounce's rate — both made by `toRenderClip` (stereo per DESIGN.md, band-limited resampling),
 * the CLI's own preparation, so a bounce equals `mixgraph render --input` of the same file.
 */
import type { ClipAudio } from '../../nodes/types';
import { type DecodedAudio, toRenderClip } from '../../runtime/audio-io/portable';
import { MAX_CLIP_NAME_LENGTH } from '../../nodes/source/clipRef';

/** One dropped file. */
export interface ClipEntry {
  /** Name used in `file:<name>` clip references. */
  name: string;
  /** The file's own name. */
  fileName: string;
  decoded: DecodedAudio;
  /** Length, s. */
  seconds: number;
}

/** A clip name from a file name: letters, digits, `_`, `-`, `.`; at most 128 characters. */
export function clipNameFor(fileName: string): string {
  const cleaned = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^[_.]+|_+$/g, '');
  return (cleaned === '' ? 'clip' : cleaned).slice(0, MAX_CLIP_NAME_LENGTH);
}

/** The session's clips (see the file comment). */
export class ClipLibrary {
  private readonly entries = new Map<string, ClipEntry>();
  /** Prepared clips per name and rate, so a clip is resampled once per rate. */
  private readonly prepared = new Map<string, ClipAudio>();
  private readonly listeners = new Set<(name: string) => void>();

  /** Adds a clip under a free name derived from the file name; returns that name. */
  add(fileName: string, decoded: DecodedAudio): string {
    const base = clipNameFor(fileName);
    let name = base;
    for (let n = 2; this.entries.has(name); n++) {
      const suffix = `-${n}`;
      name = base.slice(0, MAX_CLIP_NAME_LENGTH - suffix.length) + suffix;
    }
    const frames = decoded.channels[0]?.length ?? 0;
    this.entries.set(name, { name, fileName, decoded, seconds: frames / decoded.sampleRate });
    for (const listener of this.listeners) listener(name);
    return name;
  }

  /**
   * Binds `decoded` under exactly `name`, replacing what was there (the Album panel binds the
   * track it plays to `file:track`); listeners run as for `add`, so the engine rebinds the clip
   * (its sources crossfade at the same position) and the programme length follows.
   */
  set(name: string, fileName: string, decoded: DecodedAudio): void {
    const frames = decoded.channels[0]?.length ?? 0;
    this.entries.set(name, { name, fileName, decoded, seconds: frames / decoded.sampleRate });
    for (const key of [...this.prepared.keys()]) if (key.startsWith(`${name}@`)) this.prepared.delete(key);
    for (const listener of this.listeners) listener(name);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  get(name: string): ClipEntry | undefined {
    return this.entries.get(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** Clip `name` as stereo at `sampleRate` (undefined for an unknown name). */
  clipAt(name: string, sampleRate: number): ClipAudio | undefined {
    const entry = this.entries.get(name);
    if (entry === undefined) return undefined;
    const key = `${name}@${sampleRate}`;
    let clip = this.prepared.get(key);
    if (clip === undefined) {
      clip = toRenderClip(entry.decoded, sampleRate);
      this.prepared.set(key, clip);
    }
    return clip;
  }

  /** The clips among `names` that exist, at `sampleRate`. */
  clipsAt(sampleRate: number, names: Iterable<string> = this.entries.keys()): Record<string, ClipAudio> {
    const out: Record<string, ClipAudio> = {};
    for (const name of names) {
      const clip = this.clipAt(name, sampleRate);
      if (clip !== undefined) out[name] = clip;
    }
    return out;
  }

  /** Calls `listener(name)` after each added clip; returns the unsubscribe function. */
  onAdd(listener: (name: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The one library of this page. */
export const clipLibrary = new ClipLibrary();
