import { startSandbox } from './server';

/**
 * `pnpm sandbox` (and `pnpm dev`): serves the sandbox on SANDBOX_PORT (default 4010) until
 * interrupted. When a sandbox already answers on that port, it is left to serve.
 */
const rawPort = process.env.SANDBOX_PORT ?? '4010';
const port = Number(rawPort);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`SANDBOX_PORT must be a port number (0-65535), got "${rawPort}"\n`);
  process.exit(1);
}
const host = process.env.SANDBOX_HOST ?? '127.0.0.1';
// The same CLOCK_START_AT as the web app and the worker: one calendar for the whole local product.
const clockStartAt = process.env.CLOCK_START_AT || undefined;

async function alreadyServing(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/__sandbox/health`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

try {
  const sandbox = await startSandbox({ port, host, ...(clockStartAt && { clockStartAt }) });
  process.stdout.write(
    `Ad platform sandbox on ${sandbox.url}\n` +
      `  connectors: ADS_SANDBOX_URL=${sandbox.url}\n` +
      `  control:    ${sandbox.url}/__sandbox/fixtures, /faults, /meter, /expected\n`,
  );
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const url = `http://${host}:${port}`;
  if (
    error instanceof Error &&
    'code' in error &&
    error.code === 'EADDRINUSE' &&
    (await alreadyServing(url))
  ) {
    process.stdout.write(`A sandbox already answers on ${url}; leaving it to serve.\n`);
    process.exit(0);
  }
  process.stderr.write(
    `The sandbox could not listen on ${url}: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
