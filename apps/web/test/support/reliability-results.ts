import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type ResultSize = 'ci' | 'full';

export interface ResultRow {
  name: string;
  value: number | string;
  target: string;
  pass: boolean;
}

const resultsDir = fileURLToPath(new URL('../../../../reliability/results/', import.meta.url));

/** Writes `reliability/results/<suite>-<size>.json` in the shared results shape (full ones are committed). */
export function writeReliabilityResult(
  suite: string,
  size: ResultSize,
  command: string,
  rows: ResultRow[],
): string {
  mkdirSync(resultsDir, { recursive: true });
  const path = `${resultsDir}${suite}-${size}.json`;
  const result = { suite, size, generatedAt: new Date().toISOString(), command, rows };
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

/** `ci` unless the run asks for the full size (`RELIABILITY_SIZE=full`, set by the full commands). */
export function resultSize(): ResultSize {
  return process.env.RELIABILITY_SIZE === 'full' ? 'full' : 'ci';
}
