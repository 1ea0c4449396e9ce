import type { IncomingMessage } from 'node:http';

/**
 * The header an edge in front of the sandbox adds (`edge.ts`): when the request reached the edge,
 * in epoch ms (real time). The meter counts a request at that instant instead of when the sandbox's
 * own event loop got to it.
 */
export const ARRIVED_AT_HEADER = 'x-sandbox-arrived-at';

/** When `incoming` arrived, in real epoch ms: the edge's stamp when it came through one, else now. */
export function arrivalStamp(incoming: IncomingMessage, nowMs: number): number {
  const stamped = Number(incoming.headers[ARRIVED_AT_HEADER]);
  // Only a past instant is believed: a stamp from the future would let a client skew the meter.
  return Number.isFinite(stamped) && stamped > 0 && stamped <= nowMs ? stamped : nowMs;
}
