import { spawn } from 'node:child_process';
import { ensureTestServices } from './services';

/**
 * Brings the local services up (see `ensureTestServices`), runs `command` with their addresses in its
 * environment, stops what it started, and exits with the command's exit code.
 */
export async function runWithServices(
  argv: string[],
  options: { label: string; ports?: { firestore?: number; auth?: number } },
): Promise<never> {
  const [command, ...args] = argv;
  if (!command) {
    console.error(`usage: ${options.label} <command> [args...]`);
    process.exit(2);
  }
  const stop = await ensureTestServices(options.ports);
  console.log(
    `${options.label}: Firestore ${process.env.FIRESTORE_EMULATOR_HOST}, Auth ${process.env.FIREBASE_AUTH_EMULATOR_HOST}, Redis ${process.env.REDIS_URL}`,
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
}
