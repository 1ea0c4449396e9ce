#!/usr/bin/env -S node --import tsx
/**
 * Runs a command with the test services up: `with-test-services turbo run test`.
 * Starting the emulators once here lets every package's test run share them.
 */
import { spawn } from 'node:child_process';
import { ensureTestServices } from './services';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: with-test-services <command> [args...]');
  process.exit(2);
}

const stop = await ensureTestServices();
console.log(
  `test services: Firestore ${process.env.FIRESTORE_EMULATOR_HOST}, Auth ${process.env.FIREBASE_AUTH_EMULATOR_HOST}, Redis ${process.env.REDIS_URL}`,
);
const child = spawn(command, args, { stdio: 'inherit', env: process.env });
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
const code: number = await new Promise((resolve) => {
  child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
});
await stop();
process.exit(code);
