import { TRPCClientError } from '@trpc/client';
import { expect } from 'vitest';

/** The error a tRPC call must fail with (the test fails when the call succeeds). */
export async function trpcError(promise: Promise<unknown>): Promise<TRPCClientError<never>> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return error as TRPCClientError<never>;
}
