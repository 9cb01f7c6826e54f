/**
 * A lesson check in words, and whether the running mix passes it. Pure: the lesson panel feeds
 * the meters it already reads (the master's loudness and true peak, a dynamics node's gain
 * reduction) and the current graph.
 */
import { resolveParams, type Catalog, type NumberParamSpec } from '../graph/catalog';
import { formatNumberParam, formatParamValue } from '../graph/paramText';
import type { Graph } from '../graph/types';
import type { LessonCheck } from './types';

/** What the meters read right now; `null` while a meter has no reading yet (silence, not started). */
export interface CheckMeters {
  integratedLufs: number | null;
  shortTermLufs: number | null;
  truePeakDbtp: number | null;
  /** Gain reduction in dB (positive) by node id. */
  gainReductionDb: (nodeId: string) => number | null;
}

export type CheckResult = { state: 'passed' | 'failed'; reading: string } | { state: 'waiting'; reading: string };

const MINUS = '\u2212';
const signed = (v: number, digits = 1) => v.toFixed(digits).replace('-', MINUS);

function nodeName(graph: Graph, catalog: Catalog, id: string): string {
  const node = graph.nodes.find((n) => n.id === id);
  return node?.label ?? (node !== undefined ? catalog.get(node.type)?.label : undefined) ?? id;
}

/** The check as a sentence for the lesson panel: "Integrated loudness within ±1 LU of −14 LUFS". */
export function describeCheck(check: LessonCheck, graph: Graph, catalog: Catalog): string {
  switch (check.kind) {
    case 'loudness':
      return `${check.measure === 'integrated' ? 'Integrated' : 'Short-term'} loudness within ±${check.tolerance} LU of ${signed(check.target, 0)} LUFS`;
    case 'truePeak':
      return `True peak at or below ${signed(check.max)} dBTP`;
    case 'gainReduction':
      return `Gain reduction on ${nodeName(graph, catalog, check.node)} between ${check.min} and ${check.max} dB`;
    case 'bypass':
      return `${nodeName(graph, catalog, check.node)} ${check.bypassed ? 'bypassed' : 'switched in (not bypassed)'}`;
    case 'param': {
      const node = graph.nodes.find((n) => n.id === check.node);
      const spec = node === undefined ? undefined : catalog.get(node.type)?.params.find((p) => p.key === check.param);
      const label = spec?.label ?? check.param;
      const where = `${label} on ${nodeName(graph, catalog, check.node)}`;
      if (check.equals !== undefined) return `${where} set to ${spec !== undefined ? formatParamValue(spec, check.equals) : String(check.equals)}`;
      const show = (v: number) => (spec?.kind === 'number' ? formatNumberParam(spec as NumberParamSpec, v) : String(v));
      if (check.min !== undefined && check.max !== undefined) return `${where} between ${show(check.min)} and ${show(check.max)}`;
      if (check.min !== undefined) return `${where} at or above ${show(check.min)}`;
      return `${where} at or below ${show(check.max!)}`;
    }
  }
}

/** Whether the mix passes the check now, with the reading that decided it. */
export function evaluateCheck(check: LessonCheck, graph: Graph, catalog: Catalog, meters: CheckMeters): CheckResult {
  switch (check.kind) {
    case 'loudness': {
      const value = check.measure === 'integrated' ? meters.integratedLufs : meters.shortTermLufs;
      if (value === null || !Number.isFinite(value)) return { state: 'waiting', reading: 'play to measure' };
      const passed = Math.abs(value - check.target) <= check.tolerance;
      return { state: passed ? 'passed' : 'failed', reading: `${signed(value)} LUFS` };
    }
    case 'truePeak': {
      const value = meters.truePeakDbtp;
      if (value === null) return { state: 'waiting', reading: 'play to measure' };
      return { state: value <= check.max ? 'passed' : 'failed', reading: `${Number.isFinite(value) ? signed(value) : `${MINUS}∞`} dBTP` };
    }
    case 'gainReduction': {
      const value = meters.gainReductionDb(check.node);
      if (value === null) return { state: 'waiting', reading: 'play to measure' };
      return { state: value >= check.min && value <= check.max ? 'passed' : 'failed', reading: `${value.toFixed(1)} dB` };
    }
    case 'bypass': {
      const node = graph.nodes.find((n) => n.id === check.node);
      const bypassed = node?.bypass === true;
      return { state: node !== undefined && bypassed === check.bypassed ? 'passed' : 'failed', reading: bypassed ? 'bypassed' : 'in' };
    }
    case 'param': {
      const node = graph.nodes.find((n) => n.id === check.node);
      const spec = node === undefined ? undefined : catalog.get(node.type);
      if (node === undefined || spec === undefined) return { state: 'failed', reading: 'node not in the graph' };
      const value = resolveParams(spec, node.params)[check.param];
      const paramSpec = spec.params.find((p) => p.key === check.param);
      const reading = paramSpec !== undefined && value !== undefined ? formatParamValue(paramSpec, value) : String(value);
      let passed = value !== undefined;
      if (check.equals !== undefined) passed &&= value === check.equals;
      if (check.min !== undefined) passed &&= typeof value === 'number' && value >= check.min;
      if (check.max !== undefined) passed &&= typeof value === 'number' && value <= check.max;
      return { state: passed ? 'passed' : 'failed', reading };
    }
  }
}
