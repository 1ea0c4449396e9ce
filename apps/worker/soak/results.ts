import { fileURLToPath } from 'node:url';
import type { ReliabilityRow } from '@cohorts/test-harness/reliability';

/** `reliability/results/` at the repository root (the shared shape is `@cohorts/test-harness/reliability`). */
export const resultsDir = fileURLToPath(new URL('../../../reliability/results', import.meta.url));

export function resultsPath(suite: string, size: 'ci' | 'full'): string {
  return `${resultsDir}/${suite}-${size}.json`;
}

/** The rows as a plain-text table for the terminal. */
export function formatTable(rows: readonly ReliabilityRow[]): string {
  const cells = rows.map((row) => [row.name, String(row.value), row.target, row.pass ? 'pass' : 'FAIL']);
  const header = ['row', 'value', 'target', ''];
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...cells.map(line)].join('\n');
}
