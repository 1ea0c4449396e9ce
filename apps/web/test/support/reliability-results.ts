import { fileURLToPath } from 'node:url';
import {
  type ReliabilityRow,
  writeReliabilityResult as writeResult,
} from '@cohorts/test-harness/reliability';

export type ResultSize = 'ci' | 'full';

const resultsDir = fileURLToPath(new URL('../../../../reliability/results/', import.meta.url));

/** Writes `reliability/results/<suite>-<size>.json` in the shared shape (the full ones are committed). */
export function writeReliabilityResult(
  suite: string,
  size: ResultSize,
  command: string,
  rows: ReliabilityRow[],
): string {
  return writeResult(resultsDir, { suite, size, generatedAt: new Date().toISOString(), command, rows });
}

/** `ci` unless the run asks for the full size (`RELIABILITY_SIZE=full`, set by the full commands). */
export function resultSize(): ResultSize {
  return process.env.RELIABILITY_SIZE === 'full' ? 'full' : 'ci';
}
