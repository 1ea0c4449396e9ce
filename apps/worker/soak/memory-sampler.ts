import { type HeapSample, heapFloors, type RssSample, rssGrowth } from './growth';
import { connectHeapInspector, type HeapInspector } from './heap-inspector';
import { treeRssBytes } from './process-rss';
import type { ProcessMemory } from './rows';

export interface SampledProcess {
  name: string;
  pid: number | undefined;
  /** Its inspector on 127.0.0.1, when it runs with one. */
  inspectorPort: number | undefined;
}

export interface MemorySampler {
  /** Reads the reachable heaps once more (the load still running), stops sampling, sums up. */
  stop(): Promise<ProcessMemory[]>;
}

const mb = 1024 * 1024;

/**
 * Every second, each process's RSS (with its children) and V8 heap in use; a forced full collection
 * in each at the warm-up's end and at `stop`. Times are seconds since `startedAt` (performance.now()).
 */
export async function startMemorySampler(
  processes: SampledProcess[],
  options: { startedAt: number; warmUpSeconds: number },
): Promise<MemorySampler> {
  const atSeconds = () => (performance.now() - options.startedAt) / 1000;
  const rss = new Map<string, RssSample[]>(processes.map((p) => [p.name, []]));
  const heap = new Map<string, HeapSample[]>(processes.map((p) => [p.name, []]));
  const inspectors = new Map<string, HeapInspector>();
  for (const { name, inspectorPort } of processes) {
    if (inspectorPort !== undefined) inspectors.set(name, await connectHeapInspector(inspectorPort));
  }
  /** Each process's reachable heap after a full collection, MB (NaN when unreadable: its row fails). */
  const liveHeapsMb = async () =>
    new Map(
      await Promise.all(
        processes.map(async ({ name }) => {
          const bytes = await inspectors
            .get(name)
            ?.liveBytes()
            .catch(() => undefined);
          return [name, bytes === undefined ? Number.NaN : bytes / mb] as const;
        }),
      ),
    );
  const sampling = setInterval(() => {
    const at = atSeconds();
    for (const { name, pid } of processes) {
      if (pid === undefined) continue;
      void treeRssBytes(pid).then((rssBytes) => rss.get(name)?.push({ atSeconds: at, rssBytes }));
      void inspectors
        .get(name)
        ?.usedBytes()
        .then((usedBytes) => heap.get(name)?.push({ atSeconds: at, usedBytes }))
        .catch(() => undefined);
    }
  }, 1000);
  let warmUpTimer: NodeJS.Timeout | undefined;
  const liveAtWarmUpEnd = new Promise<Map<string, number>>((resolve) => {
    warmUpTimer = setTimeout(() => resolve(liveHeapsMb()), options.warmUpSeconds * 1000);
  });
  return {
    async stop() {
      const atEnd = await liveHeapsMb();
      // A soak shorter than its warm-up takes these as its warm-up heaps (its rows then say nothing).
      const beforeWarmUpEnd = atSeconds() < options.warmUpSeconds;
      if (beforeWarmUpEnd) clearTimeout(warmUpTimer);
      const atWarmUp = beforeWarmUpEnd ? atEnd : await liveAtWarmUpEnd;
      clearInterval(sampling);
      for (const inspector of inspectors.values()) inspector.close();
      return processes.map(({ name }) => ({
        process: name,
        rss: rssGrowth(rss.get(name) ?? [], options.warmUpSeconds),
        heapFloor: heapFloors(heap.get(name) ?? [], options.warmUpSeconds),
        liveHeapMb: {
          atWarmUpEnd: atWarmUp.get(name) ?? Number.NaN,
          atSoakEnd: atEnd.get(name) ?? Number.NaN,
        },
      }));
    },
  };
}
