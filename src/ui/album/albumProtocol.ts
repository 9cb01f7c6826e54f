/** Messages between the Album panel and its Web Workers (one task per worker message). */
import type { AlbumPlan, TrackAnalysis } from '../../album';

export type AlbumWorkerRequest =
  | { type: 'analyze'; id: number; name: string; bytes: Uint8Array; sampleRate: number }
  | { type: 'render'; id: number; plan: AlbumPlan; index: number; bytes: Uint8Array };

export type AlbumWorkerReply =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'analyzed'; id: number; analysis: TrackAnalysis & { warnings: string[] } }
  | { type: 'rendered'; id: number; wav: Uint8Array; output: TrackAnalysis }
  | { type: 'error'; id: number; message: string };
