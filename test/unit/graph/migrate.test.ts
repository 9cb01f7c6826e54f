import { describe, expect, it } from 'vitest';
import { migrateDocument, migrations, type Migration } from '../../../src/graph/migrate';
import { GRAPH_VERSION } from '../../../src/graph/types';
import { deepFreeze } from './helpers';

describe('migrateDocument', () => {
  it('leaves a current document as it is', () => {
    const doc = { format: 'mixgraph', version: GRAPH_VERSION, name: 'x' };
    expect(migrateDocument(doc)).toEqual({ ok: true, doc, fromVersion: GRAPH_VERSION });
  });

  it('has one migration, 1 → 2, which returns a version-1 document unchanged (version 2 only adds modules)', () => {
    expect(Object.keys(migrations)).toEqual(['1']);
    expect(GRAPH_VERSION).toBe(2);
    const v1 = deepFreeze({ format: 'mixgraph', version: 1, name: 'x', nodes: [{ id: 'a' }], edges: [] });
    expect(migrateDocument(v1)).toEqual({ ok: true, fromVersion: 1, doc: { ...v1, version: 2 } });
  });

  it('refuses a newer version, naming both versions', () => {
    const result = migrateDocument({ version: 3 });
    expect(result).toEqual({
      ok: false,
      error: { path: 'version', message: 'version 3 is newer than this Mixgraph understands (2); update Mixgraph' },
    });
  });

  it('refuses a missing, fractional, negative or textual version', () => {
    for (const version of [undefined, 1.5, -1, '1', null]) {
      const result = migrateDocument(version === undefined ? {} : { version });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message.startsWith('version')).toBe(true);
    }
  });

  // A made-up history: v1 had `title`, v2 renamed it to `name`, v3 added `notes: []`.
  const table: Record<number, Migration> = {
    1: (doc) => {
      const { title, ...rest } = doc;
      return { ...rest, name: title };
    },
    2: (doc) => ({ ...doc, notes: [] }),
  };

  it('runs every step in order, sets each version, and never mutates the input', () => {
    const input = deepFreeze({ format: 'mixgraph', version: 1, title: 'Old' });
    const result = migrateDocument(input, { migrations: table, targetVersion: 3 });
    expect(result).toEqual({ ok: true, fromVersion: 1, doc: { format: 'mixgraph', version: 3, name: 'Old', notes: [] } });
    expect(input).toEqual({ format: 'mixgraph', version: 1, title: 'Old' });
    expect(migrateDocument({ version: 2, name: 'Mid' }, { migrations: table, targetVersion: 3 })).toEqual({
      ok: true,
      fromVersion: 2,
      doc: { version: 3, name: 'Mid', notes: [] },
    });
  });

  it('refuses versions older than the first migration', () => {
    const result = migrateDocument({ version: 0 }, { migrations: table, targetVersion: 3 });
    expect(result.ok === false && result.error.message).toBe('version 0 is older than any version this Mixgraph can read (oldest: 1)');
  });

  it('turns a migration that throws or returns garbage into an error', () => {
    const throwing = { 1: () => { throw new Error('bad shape'); } };
    const r1 = migrateDocument({ version: 1 }, { migrations: throwing, targetVersion: 2 });
    expect(r1.ok === false && r1.error.message).toBe('version: could not upgrade the document from version 1 to 2: bad shape');
    const garbage = { 1: (() => null) as unknown as Migration };
    const r2 = migrateDocument({ version: 1 }, { migrations: garbage, targetVersion: 2 });
    expect(r2.ok === false && r2.error.message).toBe('version: upgrading from version 1 to 2 gave null, not a document object');
  });
});
