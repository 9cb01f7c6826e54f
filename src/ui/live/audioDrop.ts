/**
 * Audio files dropped on the canvas become nodes that play them. WAV and AIFF are decoded by the
 * project's own decoder (the CLI's, so a bounce equals `mixgraph render --input` sample for
 * sample); every other format the browser can decode (MP3, FLAC, Ogg…) goes through
 * `decodeAudioData`. Each file is kept in memory for the session (`clipLibrary`), bound to the
 * live engine and passed to bounces, and gets a node with `clip: "file:<name>"`, playing once.
 *
 * The node type is the registry's clip player — the definition that declares `clipsUsed` — so
 * the UI never names a node type.
 */
import { addNode, combineEdits, applyEdit, type GraphEdit } from '../../graph/commands';
import type { Position } from '../../graph/types';
import { catalog, nodeDefinitions } from '../../nodes/registry';
import { type DecodedAudio, decodeAudioFile, detectAudioFileKind, isAudioFileError } from '../../runtime/audio-io/portable';
import { snap } from '../canvas/addNodeAt';
import { MASTER_NODE_TYPE } from '../config';
import { dispatch, showNotice } from '../store/editorActions';
import { currentGraph } from '../store/editorState';
import { LIVE_SAMPLE_RATE } from './audioSession';
import { clipLibrary } from './clipLibrary';
import { startAudio } from './transport';


/** Largest audio file accepted, bytes (decoded audio lives in memory for the session). */
export const MAX_AUDIO_FILE_BYTES = 512 * 1024 * 1024;

/** Vertical spacing of nodes made from several files dropped at once, px. */
const STACK_SPACING = 120;

const AUDIO_EXTENSIONS = /\.(wav|wave|aif|aiff|aifc|mp3|flac|ogg|oga|opus|m4a|aac|mp4|webm|caf)$/i;

/** Whether a dropped file looks like audio (by type, name or first bytes), not a graph. */
export async function isAudioFile(file: File): Promise<boolean> {
  if (file.type.startsWith('audio/') || AUDIO_EXTENSIONS.test(file.name)) return true;
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  const kind = detectAudioFileKind(head);
  return kind !== 'unknown' && kind !== 'midi';
}

/** The registry's clip-playing node type (the one whose definition lists the clips it uses). */
function clipPlayerType(): string | undefined {
  return nodeDefinitions.find((d) => d.clipsUsed !== undefined && d.params.some((p) => p.key === 'clip'))?.type;
}

/** Decodes one file: our decoder for WAV/AIFF, else the browser's. Throws a readable Error. */
export async function decodeDroppedAudio(file: File): Promise<DecodedAudio> {
  if (file.size > MAX_AUDIO_FILE_BYTES) throw new Error(`${file.name} is ${(file.size / 1048576).toFixed(0)} MB; the limit is ${MAX_AUDIO_FILE_BYTES / 1048576} MB.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = detectAudioFileKind(bytes);
  let ownProblem: string | undefined;
  if (kind === 'wav' || kind === 'aiff') {
    try {
      return decodeAudioFile(bytes, file.name);
    } catch (error) {
      if (!isAudioFileError(error)) throw error;
      ownProblem = error.message;
    }
  }
  try {
    // An OfflineAudioContext decodes without a user gesture and without touching the speakers;
    // decodeAudioData resamples to its rate (Web Audio API § decodeAudioData).
    const decoder = new OfflineAudioContext(2, 1, LIVE_SAMPLE_RATE);
    const buffer = await decoder.decodeAudioData(bytes.slice().buffer);
    const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c).slice());
    return { sampleRate: buffer.sampleRate, channels };
  } catch {
    throw new Error(
      ownProblem ??
        `${file.name}: this browser cannot decode this audio format${kind !== 'unknown' ? ` (${kind.toUpperCase()})` : ''}. Convert it to WAV, e.g. ffmpeg -i "${file.name}" out.wav, and drop that.`,
    );
  }
}

/**
 * Adds one clip-playing node per file at `at` (canvas coordinates), stacked, as one undo step.
 * Files that cannot be decoded are listed in one message; the others are still added.
 */
export async function dropAudioFiles(files: readonly File[], at: Position): Promise<void> {
  const type = clipPlayerType();
  if (type === undefined) return;
  // Start audio now if the page may (a drop is not itself an activating gesture, but any earlier
  // click is): the new clips are then heard at once. Otherwise the next Play binds them.
  if (navigator.userActivation?.hasBeenActive ?? true) void startAudio().catch(() => undefined);
  const problems: string[] = [];
  const added: { name: string; label: string }[] = [];
  for (const file of files) {
    try {
      const decoded = await decodeDroppedAudio(file);
      if ((decoded.channels[0]?.length ?? 0) === 0) throw new Error(`${file.name} holds no audio.`);
      added.push({ name: clipLibrary.add(file.name, decoded), label: file.name.replace(/\.[^.]*$/, '') || file.name });
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  const edits: GraphEdit[] = [];
  const ids: string[] = [];
  let graph = currentGraph();
  added.forEach((clip, i) => {
    const result = addNode(
      graph,
      catalog,
      { type, label: clip.label, position: snap({ x: at.x, y: at.y + i * STACK_SPACING }), params: { clip: `file:${clip.name}`, loop: false } },
      { masterType: MASTER_NODE_TYPE },
    );
    if (!result.ok) {
      problems.push(result.reason);
      return;
    }
    edits.push(result.edit);
    ids.push(result.id);
    graph = applyEdit(graph, result.edit);
  });
  if (edits.length > 0) {
    dispatch({ ok: true, edit: edits.length === 1 ? edits[0] : combineEdits(`Add ${edits.length} audio files`, edits) }, { select: { nodes: ids, edges: [], notes: [], groups: [] } });
  }
  if (problems.length > 0) showNotice('error', `Could not use ${problems.length === 1 ? 'a file' : `${problems.length} files`}: ${problems.join(' ')}`);
  else if (added.length > 0) showNotice('info', `Added ${added.map((a) => a.label).join(', ')}: wire ${added.length === 1 ? 'it' : 'them'} to a channel or the output to hear ${added.length === 1 ? 'it' : 'them'}.`);
}
