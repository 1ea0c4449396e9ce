import { z } from 'zod';

/** One line of the bench table: a figure beside the limit measured in the same run. */
export const BenchRowSchema = z.object({
  row: z.string(),
  /** What was measured, with its unit. */
  figure: z.string(),
  /** The limit the platform, the storage or the queue sets, measured beside it. */
  limit: z.string(),
  /** figure ÷ limit in the direction the target reads (a share, or a multiple of the floor). */
  ratio: z.number(),
  target: z.string(),
  /** null where the issue asks only for a report (scale-out). */
  pass: z.boolean().nullable(),
  /** Where the time goes, and any second figure the target names. */
  notes: z.string(),
});
export type BenchRow = z.infer<typeof BenchRowSchema>;

export const BenchResultsSchema = z.object({
  size: z.enum(['smoke', 'full']),
  generatedAt: z.string(),
  command: z.string(),
  machine: z.object({ cores: z.number(), memoryGb: z.number(), node: z.string() }),
  rows: z.array(BenchRowSchema),
});
export type BenchResults = z.infer<typeof BenchResultsSchema>;

const columns = ['row', 'figure', 'limit', 'ratio', 'target', 'pass'] as const;

function cell(row: BenchRow, column: (typeof columns)[number]): string {
  if (column === 'ratio') return row.ratio.toFixed(2);
  if (column === 'pass') return row.pass === null ? 'report' : row.pass ? 'yes' : 'NO';
  return row[column];
}

/** A Markdown table (the README carries it as printed), then each row's notes. */
export function renderTable(rows: readonly BenchRow[]): string {
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => cell(row, column).length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((text, i) => text.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(columns),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map((row) => line(columns.map((column) => cell(row, column)))),
    '',
    ...rows.map((row) => `- ${row.row}: ${row.notes}`),
  ].join('\n');
}
