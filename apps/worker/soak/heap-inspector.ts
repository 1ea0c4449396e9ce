import { z } from 'zod';

/**
 * A soak process's V8 heap, read over its inspector (the process runs with
 * `--inspect=127.0.0.1:<port>`). RSS alone cannot tell a leak from memory the allocator keeps after
 * a collection; the heap a full collection leaves can.
 */
export interface HeapInspector {
  /** Bytes the heap holds now, garbage included (no collection forced). */
  usedBytes(): Promise<number>;
  /** Bytes still reachable: forces a full collection, then reads the heap. */
  liveBytes(): Promise<number>;
  close(): void;
}

const TargetsSchema = z.array(z.object({ webSocketDebuggerUrl: z.string() })).min(1);
const ReplySchema = z.object({
  id: z.number(),
  result: z.record(z.string(), z.unknown()).optional(),
  error: z.object({ message: z.string() }).optional(),
});
const HeapUsageSchema = z.object({ usedSize: z.number(), totalSize: z.number() });

export async function connectHeapInspector(port: number): Promise<HeapInspector> {
  const targets = TargetsSchema.parse(await (await fetch(`http://127.0.0.1:${port}/json/list`)).json());
  const socket = new WebSocket(targets[0]?.webSocketDebuggerUrl ?? '');
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`no inspector on port ${port}`)), { once: true });
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  socket.addEventListener('message', (event) => {
    if (typeof event.data !== 'string') return;
    const reply = ReplySchema.safeParse(JSON.parse(event.data));
    if (!reply.success) return; // an event, not a reply
    const waiter = pending.get(reply.data.id);
    pending.delete(reply.data.id);
    if (reply.data.error) waiter?.reject(new Error(reply.data.error.message));
    else waiter?.resolve(reply.data.result ?? {});
  });
  socket.addEventListener('close', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('the inspector closed'));
    pending.clear();
  });
  const call = (method: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method }));
    });
  const usedBytes = async () => HeapUsageSchema.parse(await call('Runtime.getHeapUsage')).usedSize;
  return {
    usedBytes,
    async liveBytes() {
      await call('HeapProfiler.collectGarbage');
      return usedBytes();
    },
    close: () => socket.close(),
  };
}
