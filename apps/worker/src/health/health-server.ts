import { createServer, type Server } from 'node:http';

export type ReadinessCheck = () => Promise<void>;

/** The Prometheus exposition: its content type and text. */
export type MetricsExposition = () => Promise<{ contentType: string; body: string }>;

/**
 * `/healthz` answers while the process runs (liveness); `/readyz` runs every readiness check and
 * answers 503 naming the ones that fail (e.g. Redis down), so an orchestrator stops routing work;
 * `/metrics` serves Prometheus metrics when given.
 */
export function createHealthServer(
  checks: Record<string, ReadinessCheck>,
  isShuttingDown: () => boolean,
  metrics?: MetricsExposition,
): Server {
  return createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/healthz') return reply(200, { status: 'ok' });
    if (request.url === '/metrics' && metrics) {
      void metrics().then(
        ({ contentType, body }) => {
          response.writeHead(200, { 'content-type': contentType });
          response.end(body);
        },
        () => reply(500, { error: 'metrics could not be collected' }),
      );
      return;
    }
    if (request.url !== '/readyz') return reply(404, { error: 'not found' });
    if (isShuttingDown()) return reply(503, { status: 'shutting-down' });
    void Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, error instanceof Error ? error.message : 'failed'] as const;
        }
      }),
    ).then((results) => {
      const failing = results.filter(([, outcome]) => outcome !== 'ok');
      reply(failing.length ? 503 : 200, {
        status: failing.length ? 'not-ready' : 'ready',
        checks: Object.fromEntries(results),
      });
    });
  });
}
