import { readdir, readFile } from 'node:fs/promises';

/** `VmRSS` of a `/proc/<pid>/status` text, in bytes; null when the line is missing (a zombie). */
function parseVmRss(status: string): number | null {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match?.[1] ? Number(match[1]) * 1024 : null;
}

/** The parent pid in a `/proc/<pid>/stat` line (the command may hold spaces and parentheses). */
function parseParentPid(stat: string): number | null {
  const afterCommand = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const parent = Number(afterCommand[1]);
  return Number.isInteger(parent) ? parent : null;
}

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null; // the process ended between listing and reading
  }
}

/** `pid` and every process below it (Next's `next start` may serve from a child process). */
async function processTree(pid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readOrNull(`/proc/${entry}/stat`);
    const parent = stat ? parseParentPid(stat) : null;
    if (parent !== null) parents.set(Number(entry), parent);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  }
  return tree;
}

/** Resident memory of a process and its descendants, bytes (0 once all have exited). */
export async function treeRssBytes(pid: number): Promise<number> {
  let total = 0;
  for (const member of await processTree(pid)) {
    const status = await readOrNull(`/proc/${member}/status`);
    total += (status && parseVmRss(status)) || 0;
  }
  return total;
}
