import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { readFullResults, renderReliability } from './reliability';

/**
 * `pnpm reliability`: renders every `reliability/results/*-full.json` into RELIABILITY.md at the
 * repository root. `--out=<file>` and `--results=<dir>` point it elsewhere (its smoke test).
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const option = (name: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const resultsDir = option('results') ?? `${root}reliability/results`;
const out = option('out') ?? `${root}RELIABILITY.md`;

const cores = cpus();
const machine = `${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${process.platform}`;
const results = readFullResults(resultsDir);
// The render date is the one wall-clock reading of this command: it says when the file was made.
writeFileSync(
  out,
  renderReliability(results, { command: 'pnpm reliability', machine, renderedAt: new Date() }),
);
console.log(
  `wrote ${out} from ${results.length} full result(s): ${results.map((r) => r.suite).join(', ') || 'none'}`,
);
