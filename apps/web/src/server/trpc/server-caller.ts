import 'server-only';
import { appRouter } from './app-router';
import { createTrpcContext } from './context';
import { createCallerFactory } from './init';

const createCaller = createCallerFactory(appRouter);

/** Calls procedures in-process as the caller of `request` (REST routes and server components). */
export async function callerFor(request: { headers: Headers }) {
  return createCaller(await createTrpcContext(request));
}
