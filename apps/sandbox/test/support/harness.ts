import { afterAll, beforeAll } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../src';

export const CALLBACK = 'http://localhost:3000/api/integrations/test/oauth/callback';
export const ADA = 'ada@northwind-agency.example';
export const BEN = 'ben@bens-bikes.example';

/**
 * The instant every sandbox test's clock starts at: an ordinary weekday noon UTC, when every fixture
 * account is on the same date, fixed so the fixtures' dated campaigns never age out of a window.
 */
const sandboxTestStart = '2026-11-18T12:00:00Z';
export const sandboxTestStartMs = Date.parse(sandboxTestStart);

/** One sandbox per test file, on a free port, its clock started at `sandboxTestStart`, closed afterwards. */
export function useSandbox(): { readonly url: string; readonly sandbox: RunningSandbox } {
  let sandbox: RunningSandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, clockStartAt: sandboxTestStart });
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  return {
    get url() {
      if (!sandbox) throw new Error('sandbox not started');
      return sandbox.url;
    },
    get sandbox() {
      if (!sandbox) throw new Error('sandbox not started');
      return sandbox;
    },
  };
}

export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`not JSON (HTTP ${response.status}): ${text.slice(0, 200)}`);
  }
}

/** Reads a nested property of unknown JSON, for assertions (`get(body, 'error', 'code')`). */
export function get(value: unknown, ...path: Array<string | number>): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

export function control(
  url: string,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Response> {
  return fetch(`${url}/__sandbox/${path}`, {
    method: init.method ?? 'GET',
    ...(init.body !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(init.body),
    }),
  });
}
