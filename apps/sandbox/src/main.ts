import { startSandbox } from './server';

/** `pnpm sandbox`: serves the sandbox on SANDBOX_PORT (default 4010) until interrupted. */
const rawPort = process.env.SANDBOX_PORT ?? '4010';
const port = Number(rawPort);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`SANDBOX_PORT must be a port number (0-65535), got "${rawPort}"\n`);
  process.exit(1);
}
const host = process.env.SANDBOX_HOST ?? '127.0.0.1';

const sandbox = await startSandbox({ port, host });
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
