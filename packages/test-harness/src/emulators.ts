import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForHttp } from './ports';

/** Both emulators start in ~10 s on an idle machine; a loaded 2-core machine has needed over 60 s. */
const emulatorStartTimeoutMs = 180_000;

export const testProjectId = 'demo-cohorts';

export interface RunningService {
  host: string;
  stop(): Promise<void>;
}

const firestoreEmulatorCandidates = [
  process.env.FIRESTORE_EMULATOR_BINARY,
  '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud_firestore_emulator',
  '/usr/share/google-cloud-sdk/platform/cloud-firestore-emulator/cloud_firestore_emulator',
].filter((path): path is string => Boolean(path));

function stopProcess(child: ChildProcess, timeoutMs = 5_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      if (child.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      resolve();
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.pid) {
      try {
        // Kill the whole process group: the emulator scripts start java as a child.
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        resolve();
      }
    }
  });
}

function spawnService(
  command: string,
  args: string[],
  name: string,
): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (error) => {
    output += `\n${name} failed to start: ${error.message}`;
  });
  return { child, output: () => output };
}

/** Starts the official Cloud Firestore emulator (the gcloud component, Java) on a free port. */
export async function startFirestoreEmulator(
  options: { rulesPath?: string; port?: number } = {},
): Promise<RunningService> {
  const binary = firestoreEmulatorCandidates.find((path) => existsSync(path));
  if (!binary) {
    throw new Error(
      `The Cloud Firestore emulator was not found (looked in ${firestoreEmulatorCandidates.join(', ')}). ` +
        'Install the gcloud component "cloud-firestore-emulator" or set FIRESTORE_EMULATOR_BINARY.',
    );
  }
  const port = options.port ?? (await freePort());
  const host = `127.0.0.1:${port}`;
  const args = ['start', '--host=127.0.0.1', `--port=${port}`, `--project_id=${testProjectId}`];
  if (options.rulesPath) args.push(`--rules=${options.rulesPath}`);
  const { child, output } = spawnService(binary, args, 'Firestore emulator');
  try {
    await waitForHttp(`http://${host}/`, emulatorStartTimeoutMs, () => child.exitCode === null);
  } catch (error) {
    await stopProcess(child);
    throw new Error(`${(error as Error).message}\nFirestore emulator output:\n${output()}`);
  }
  return { host, stop: () => stopProcess(child) };
}

/** Starts the Firebase Auth emulator (firebase-tools, pure Node) on a free port. */
export async function startAuthEmulator(options: { port?: number } = {}): Promise<RunningService> {
  const require = createRequire(import.meta.url);
  const firebaseBin = join(require.resolve('firebase-tools/package.json'), '..', 'lib', 'bin', 'firebase.js');
  const [port, hubPort, loggingPort] = await Promise.all([
    options.port ?? freePort(),
    freePort(),
    freePort(),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'cohorts-auth-emulator-'));
  const config = join(dir, 'firebase.json');
  writeFileSync(
    config,
    JSON.stringify({
      emulators: {
        auth: { host: '127.0.0.1', port },
        hub: { host: '127.0.0.1', port: hubPort },
        logging: { host: '127.0.0.1', port: loggingPort },
        ui: { enabled: false },
        singleProjectMode: false,
      },
    }),
  );
  const { child, output } = spawnService(
    process.execPath,
    [firebaseBin, 'emulators:start', '--only', 'auth', '--project', testProjectId, '--config', config],
    'Auth emulator',
  );
  const host = `127.0.0.1:${port}`;
  try {
    await waitForHttp(`http://${host}/`, emulatorStartTimeoutMs, () => child.exitCode === null);
  } catch (error) {
    await stopProcess(child);
    throw new Error(`${(error as Error).message}\nAuth emulator output:\n${output()}`);
  }
  return { host, stop: () => stopProcess(child, 10_000) };
}
