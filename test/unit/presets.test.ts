/** Every file in presets/ is listed, round-trips through parse ∘ serialize, and renders. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serializeGraph } from '../../src/graph';
import { parseDocument } from '../../src/runtime/document';
import { builtInPresets } from '../../src/runtime/presets';
import { renderGraph } from '../../src/runtime/render';

const files = readdirSync('presets').filter((f) => f.endsWith('.json'));

describe('built-in presets', () => {
  it('lists every file in presets/', () => {
    expect(builtInPresets.map((p) => `${p.name}.json`).sort()).toEqual([...files].sort());
  });

  for (const file of files) {
    it(`${file} validates, round-trips and renders`, async () => {
      const parsed = parseDocument(JSON.parse(readFileSync(`presets/${file}`, 'utf8')));
      if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
      expect(parsed.warnings).toEqual([]);
      expect(parsed.graph.description?.length ?? 0).toBeGreaterThan(20);
      const again = parseDocument(JSON.parse(serializeGraph(parsed.graph)));
      expect(again.ok && again.graph).toEqual(parsed.graph);

      const report = await renderGraph(parsed.graph, { seconds: 4 });
      expect(report.warnings).toEqual([]);
      expect(report.loudness.integratedLufs).not.toBeNull();
      expect(report.loudness.integratedLufs!).toBeGreaterThan(-35);
      expect(report.loudness.truePeakDbtp!).toBeLessThan(3);
    });
  }
});
