/** Steps shared by the `ux2-*` specs (issue 11's beginner stumbles). */
import type { Page } from '@playwright/test';
import { pcm16le, wavBytes } from '../helpers/wavBytes';

/** The two window sizes every ux2 screenshot is taken at. */
export const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
] as const;

/**
 * A mono 16-bit WAV of a sine (built in the test so no fixture file is needed): `seconds` long,
 * amplitude `peak` (0.25), `frequency` Hz (440), at `rate` Hz (44.1 kHz).
 */
export function sineWav(seconds: number, { peak = 0.25, frequency = 440, rate = 44100 } = {}): Buffer {
  const frames = Math.round(seconds * rate);
  const samples = Int16Array.from({ length: frames }, (_, i) => Math.round(peak * 32767 * Math.sin((2 * Math.PI * frequency * i) / rate)));
  return wavBytes({ rate, data: pcm16le(samples) });
}

/** Drops files on the canvas at a client point, as a drag from the desktop does. */
export async function dropFiles(page: Page, files: { name: string; type: string; bytes: number[] }[], at = { clientX: 700, clientY: 400 }): Promise<void> {
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const f of list) data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    return data;
  }, files);
  await page.dispatchEvent('.react-flow__pane', 'dragover', { dataTransfer: transfer, ...at });
  await page.dispatchEvent('.react-flow__pane', 'drop', { dataTransfer: transfer, ...at });
}
