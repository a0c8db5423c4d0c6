import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One printed figure: what was measured, its value, and its target when it has one. */
export type Figure = {
  section: string;
  name: string;
  value: number | string;
  unit: string;
  /** E.g. `≤ 1.3`; absent for figures printed for context. */
  target?: { max: number; text: string };
  note?: string;
};

export const passed = (figure: Figure): boolean | null =>
  figure.target ? typeof figure.value === 'number' && figure.value <= figure.target.max : null;

const show = (value: number | string): string =>
  typeof value === 'number'
    ? Number.isInteger(value)
      ? value.toLocaleString('en-US')
      : value.toFixed(2)
    : value;

/** The figures as a table, one line each, with the target and pass/fail where there is one. */
export const printTable = (figures: Figure[], out: NodeJS.WritableStream = process.stdout): void => {
  const rows = figures.map((f) => {
    const verdict = passed(f);
    return [
      f.section,
      f.name,
      `${show(f.value)} ${f.unit}`.trim(),
      f.target?.text ?? '',
      verdict === null ? '' : verdict ? 'pass' : 'FAIL',
    ];
  });
  const head = ['section', 'figure', 'value', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  out.write(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const row of rows) out.write(`${line(row)}\n`);
  const targets = figures.filter((f) => f.target);
  const failed = targets.filter((f) => passed(f) === false);
  out.write(`\n${targets.length - failed.length} of ${targets.length} targets met\n`);
};

/** Writes test/bench/results/latest.json (gitignored). */
export const writeResults = (figures: Figure[], context: Record<string, unknown>): string => {
  const dir = path.join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'latest.json');
  const results = figures.map((f) => ({ ...f, pass: passed(f) }));
  writeFileSync(file, `${JSON.stringify({ ...context, figures: results }, null, 2)}\n`);
  return file;
};
