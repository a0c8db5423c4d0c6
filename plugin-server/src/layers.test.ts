import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The layers of docs/architecture.md, read from its ```layers block: each may import only those
// above it. This test keeps the document and the imports in agreement.
const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'plugin-server/src');
const layers = (): string[] => {
  const doc = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
  const block = /```layers\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/architecture.md has no ```layers block');
  return block
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
};

/** The layer a file belongs to: its first folder under src, or its name for a top-level file. */
const layerOf = (file: string): string => {
  const [first = '', ...rest] = path.relative(SRC, file).split(path.sep);
  return rest.length === 0 ? first.replace(/\.ts$/, '') : first;
};

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });

/** Relative imports of a file (type-only ones too: a type is a dependency of the design). */
const importsOf = (file: string): string[] =>
  [
    ...readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*from\s+'(\.{1,2}\/[^']+)'/g),
  ].map((m) => path.resolve(path.dirname(file), m[1] as string));

describe("the sidecar's layers", () => {
  it('lists every folder and top-level file of plugin-server/src in docs/architecture.md', () => {
    const known = new Set(layers());
    const present = new Set(sources(SRC).map(layerOf));
    expect([...present].filter((layer) => !known.has(layer)).sort()).toEqual([]);
  });

  it('has no import from a lower layer to a higher one', () => {
    const order = layers();
    const rank = new Map(order.map((layer, i) => [layer, i]));
    const upward: string[] = [];
    for (const file of sources(SRC)) {
      const from = layerOf(file);
      for (const target of importsOf(file)) {
        const to = layerOf(target);
        if (to !== from && (rank.get(to) ?? -1) > (rank.get(from) ?? -1))
          upward.push(`${path.relative(SRC, file)} imports ${path.relative(SRC, target)} (${from} -> ${to})`);
      }
    }
    expect(upward).toEqual([]);
  });
});
