/**
 * A client for the sandbox's control API (`{url}/__sandbox/{path}`: faults, meter, clock, grants,
 * expected totals), for the tests and benches of the packages that run against the sandbox.
 * A GET without `json`, a POST with it, unless `method` says otherwise; a non-2xx answer throws.
 */
export async function sandboxControl<T = unknown>(
  sandboxUrl: string,
  path: string,
  init: { method?: string; json?: unknown } = {},
): Promise<T> {
  const response = await fetch(`${sandboxUrl}/__sandbox/${path}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    ...(init.json !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(init.json),
    }),
  });
  const body = (await response.json()) as T;
  if (!response.ok)
    throw new Error(`sandbox control ${path}: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body;
}
