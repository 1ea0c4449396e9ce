/** The most calls one tRPC batch may carry: the server refuses more (400), the client splits at it. */
export const trpcMaxBatchSize = 10;
