import { startEdge } from './edge';

/**
 * Serves the arrival-stamping edge (`edge.ts`) on EDGE_PORT in front of the sandbox at
 * SANDBOX_UPSTREAM_URL, until interrupted. Started by the test harness's `startSandboxProcess`.
 */
const port = Number(process.env.EDGE_PORT ?? '');
const upstreamUrl = process.env.SANDBOX_UPSTREAM_URL ?? '';
if (!Number.isInteger(port) || port <= 0 || port > 65_535 || !URL.canParse(upstreamUrl)) {
  process.stderr.write('EDGE_PORT (a port number) and SANDBOX_UPSTREAM_URL (a URL) are required\n');
  process.exit(1);
}
const edge = await startEdge({ upstreamUrl, port });
process.stdout.write(`Sandbox edge on ${edge.url} -> ${upstreamUrl}\n`);
const stop = () => {
  edge.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
