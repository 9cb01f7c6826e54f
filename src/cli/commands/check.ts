/**
 * `mixgraph check FILE [--json]`: the translation report of a finished master — loudness, mono
 * compatibility, what each delivery platform would do, and codec overs (docs/translation.md).
 * Always exits 0 when the file could be read: the report informs, it does not judge.
 */
import { readAnyAudioFile } from '../../runtime/audio-io/decoders/readAnyAudioFile';
import { checkAudio } from '../../runtime/check/checkAudio';
import { formatCheckReport } from './checkFormat';
import { printLines } from '../terminalText';

export async function checkCommand(file: string, options: { json?: boolean }): Promise<number> {
  const audio = await readAnyAudioFile(file);
  for (const w of audio.warnings ?? []) printLines('warning: ', w);
  // The same function the editor's bounce dialog runs (in a Worker) on the bounced WAV.
  const report = await checkAudio(audio);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ file, ...report })}\n`);
    return 0;
  }
  process.stdout.write(formatCheckReport(file, report));
  return 0;
}
