/**
 * The pieces of `@cohorts/core` this package runs (exact money, the retry schedule). They are only
 * exported from the package root, which also loads the Firestore and BullMQ modules; importing them
 * here, in one place, keeps that a one-line change once core exposes a lighter entry point.
 */
export { decimalToMicros, microsToNumber, parseMicros, syncRetryDelayMs } from '@cohorts/core';
