import { testFirebaseApp, testFirestore, uniqueRedisPrefix } from '@cohorts/test-harness';
import fc from 'fast-check';
import { getAuth } from 'firebase-admin/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closeServices } from '../../src/server/services';
import { changedPaths, firestoreSnapshot } from '../support/firestore-snapshot';
import { ownFirebaseProject } from '../support/own-project';
import { resultSize, writeReliabilityResult } from '../support/reliability-results';
import { metricsDay, seedIntegration, seedMetrics } from '../support/seed';
import { freshIdToken } from '../support/tokens';
import { noiseKeys, notAnObject, notJson } from './bad-values';
import { type FuzzContext, type Target, targets } from './targets';

/**
 * Bad input, property-based: every REST route and tRPC procedure, called as an admin (who reaches
 * every procedure, so input checks run deepest), gets one spoiled part of an otherwise valid input
 * (a field of the wrong type, out of range, unicode edge cases, injection-looking text, a path
 * parameter, a reversed or too long range, a body or input that is no JSON or no object, a form
 * body). Each answer must be a 4xx whose message names what was wrong, never a 5xx or a stack; and
 * per batch the whole Firestore project (this file's own) must be unchanged.
 *
 * `FUZZ_CASES` sets the number of cases (1,500 here; `pnpm test:fuzz` runs 10,000 and writes
 * reliability/results/fuzz-full.json). `FUZZ_SEED` replays a run.
 */
const projectId = ownFirebaseProject('fuzz');
process.env.REDIS_PREFIX = uniqueRedisPrefix('fuzz');
const size = resultSize();
const totalCases = Number(process.env.FUZZ_CASES ?? (size === 'full' ? 10_000 : 1_500));
const seed = Number(process.env.FUZZ_SEED ?? (size === 'full' ? Date.now() % 2 ** 31 : 20261204));
const batchSize = 100;

type Spoil =
  | { kind: 'field'; field: string; value: unknown }
  | { kind: 'param'; param: string; value: string }
  | { kind: 'repeated'; field: string }
  | { kind: 'range'; from: string; to: string }
  | { kind: 'not-json'; text: string }
  | { kind: 'not-object'; value: unknown }
  | { kind: 'media-type'; contentType: string }
  | { kind: 'extra-key'; key: string };

interface FuzzCase {
  /** The target's name (fast-check prints it in a failure report; the target is looked up). */
  target: string;
  spoil: Spoil;
  noise: Record<string, unknown>;
}

const isQuery = (target: Target) => target.face === 'rest-query';
const isJsonBody = (target: Target) => target.face === 'rest-body' || target.face === 'trpc-mutation';

function spoilsFor(target: Target): fc.Arbitrary<Spoil>[] {
  const spoils: fc.Arbitrary<Spoil>[] = [];
  for (const [field, bad] of Object.entries(target.fields)) {
    spoils.push((isQuery(target) ? bad.text : bad.json).map((value) => ({ kind: 'field', field, value })));
  }
  for (const [param, bad] of Object.entries(target.params ?? {})) {
    spoils.push(bad.text.map((value) => ({ kind: 'param', param, value })));
  }
  if (isQuery(target) && !target.params) {
    // A list may be sent as repeated parameters (`providerIds=google&providerIds=meta`); the rest may not.
    const fields = Object.keys(target.fields).filter((field) => field !== 'providerIds');
    if (fields.length > 0)
      spoils.push(fc.constantFrom(...fields).map((field) => ({ kind: 'repeated', field })));
  }
  if (target.range) {
    const { maxDays } = target.range;
    spoils.push(
      fc.constantFrom<Spoil>(
        { kind: 'range', from: '2026-11-07', to: '2026-11-01' },
        { kind: 'range', from: '2026-11-01', to: '2026-10-31' },
        { kind: 'range', from: '2020-01-01', to: maxDays > 1000 ? '2026-11-01' : '2025-01-01' },
      ),
    );
  }
  if (!isQuery(target)) {
    spoils.push(notJson.map((text) => ({ kind: 'not-json', text })));
    spoils.push(notAnObject.map((value) => ({ kind: 'not-object', value })));
  }
  if (isJsonBody(target)) {
    spoils.push(
      fc
        .constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
        )
        .map((contentType) => ({ kind: 'media-type', contentType })),
    );
  }
  if (Object.keys(target.fields).length === 0) {
    spoils.push(fc.string({ minLength: 1, maxLength: 12 }).map((key) => ({ kind: 'extra-key', key })));
  }
  return spoils;
}

const caseArbitrary: fc.Arbitrary<FuzzCase> = fc.oneof(
  ...targets.map((target) =>
    fc.record({
      target: fc.constant(target.name),
      spoil: fc.oneof(...spoilsFor(target)),
      noise: noiseKeys.map((noise) =>
        Object.fromEntries(Object.entries(noise).filter(([key]) => !(key in target.fields))),
      ),
    }),
  ),
);

/** What the answer must be: these statuses, with a message naming one of `names`; or a same-site redirect. */
type Expectation = { redirect: true } | { redirect: false; statuses: number[]; names: string[] };

const targetsByName = new Map(targets.map((target) => [target.name, target]));

function targetOf(fuzzCase: FuzzCase): Target {
  const target = targetsByName.get(fuzzCase.target);
  if (!target) throw new Error(`no target ${fuzzCase.target}`);
  return target;
}

function expectationFor(fuzzCase: FuzzCase): Expectation {
  const { spoil } = fuzzCase;
  const target = targetOf(fuzzCase);
  const whole = target.face.startsWith('trpc') ? 'input' : 'body';
  switch (spoil.kind) {
    case 'param':
      return { redirect: false, statuses: [404], names: ['platform'] };
    case 'field':
    case 'repeated':
      if (target.alwaysRedirects) return { redirect: true };
      // A body too big to read may be refused before it is parsed.
      return { redirect: false, statuses: [400, 413], names: [spoil.field] };
    case 'range':
      return { redirect: false, statuses: [400], names: ['to'] };
    case 'not-json':
    case 'not-object':
    case 'extra-key':
      return { redirect: false, statuses: [400], names: [whole] };
    case 'media-type':
      // Sign-in refuses a non-JSON body as a cross-site attempt (a form post needs no preflight).
      return {
        redirect: false,
        statuses: target.name === 'POST /api/session' ? [403] : [415],
        names: ['Content-Type'],
      };
  }
}

function queryText(value: unknown): string {
  if (Array.isArray(value)) return value.map(queryText).join(',');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A URL cannot carry a lone surrogate (Next hands the route the decoded parameter anyway). */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function buildRequest(
  fuzzCase: FuzzCase,
  ctx: FuzzContext,
  token: string,
): { request: Request; params: Record<string, string> } {
  const { spoil, noise } = fuzzCase;
  const target = targetOf(fuzzCase);
  const input: Record<string, unknown> = { ...target.valid(ctx), ...noise };
  const params = { ...target.validParams };
  if (spoil.kind === 'field') input[spoil.field] = spoil.value;
  if (spoil.kind === 'param') params[spoil.param] = spoil.value;
  if (spoil.kind === 'range') Object.assign(input, { from: spoil.from, to: spoil.to });
  if (spoil.kind === 'extra-key') input[spoil.key] = 'x';
  const path = target.path.replace('{slug}', encodeURIComponent(wellFormed(params.slug ?? '')));
  const url = new URL(path, 'http://localhost:3000');
  const headers = new Headers({ authorization: `Bearer ${token}` });
  const signal = AbortSignal.timeout(20_000);

  if (target.face === 'rest-query') {
    for (const [key, value] of Object.entries(input)) url.searchParams.append(key, queryText(value));
    if (spoil.kind === 'repeated') url.searchParams.append(spoil.field, queryText(input[spoil.field] ?? 'x'));
    return { request: new Request(url, { headers, signal }), params };
  }
  const json = JSON.stringify(input);
  const raw =
    spoil.kind === 'not-json' ? spoil.text : spoil.kind === 'not-object' ? JSON.stringify(spoil.value) : json;
  if (target.face === 'trpc-query') {
    url.searchParams.set('input', raw);
    return { request: new Request(url, { headers, signal }), params };
  }
  headers.set('content-type', spoil.kind === 'media-type' ? spoil.contentType : 'application/json');
  return { request: new Request(url, { method: 'POST', headers, body: raw, signal }), params };
}

const RefusalSchema = z.object({
  error: z.object({
    message: z.string(),
    data: z.object({ httpStatus: z.number() }).optional(),
  }),
});

/**
 * The status and message of a refusal: REST and tRPC answer `{ error: { message } }`. A tRPC
 * subscription has already answered 200 with an event stream when its input is parsed, so there the
 * refusal is the stream's `serialized-error` event, carrying its own `httpStatus`.
 */
function refusalOf(response: Response, text: string): { status: number; message: string } {
  if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    const data = /event: serialized-error\ndata: (.*)\n/.exec(text)?.[1];
    const parsed = RefusalSchema.shape.error.safeParse(data === undefined ? null : JSON.parse(data));
    if (!parsed.success) return { status: response.status, message: text };
    return { status: parsed.data.data?.httpStatus ?? 500, message: parsed.data.message };
  }
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the raw text is all there is (and the check below says whether it names the field).
  }
  const parsed = RefusalSchema.safeParse(body);
  return { status: response.status, message: parsed.success ? parsed.data.error.message : text };
}

const stackTrace = /\n\s+at .+:\d+/;

let ctx: FuzzContext;
let adminToken: string;
const tally = { cases: 0, serverErrors: 0, writes: 0, unnamed: 0 };

beforeAll(async () => {
  const adminUid = 'fuzz-admin';
  const auth = getAuth(testFirebaseApp());
  await auth.createUser({ uid: adminUid, email: 'fuzz-admin@example.test' });
  await auth.setCustomUserClaims(adminUid, { admin: true });
  adminToken = freshIdToken(adminUid, projectId, { admin: true });
  ctx = { adminUid };
  // Something to read, so valid-looking reads go all the way to Firestore.
  await seedIntegration(adminUid, 'google');
  await seedMetrics(adminUid, [
    metricsDay('google', '2026-11-01', [
      { id: 'c1', currencyCode: 'USD', spend: 10, clicks: 2, impressions: 100 },
    ]),
    metricsDay('google', '2026-11-02', [
      { id: 'c1', currencyCode: 'USD', spend: 12, clicks: 3, impressions: 120 },
    ]),
  ]);
});

afterAll(async () => {
  await closeServices();
  const rows = [
    {
      name: 'fuzz cases run',
      value: tally.cases,
      target: `>= ${totalCases}`,
      pass: tally.cases >= totalCases,
    },
    { name: '5xx answers', value: tally.serverErrors, target: '0', pass: tally.serverErrors === 0 },
    { name: 'Firestore writes found', value: tally.writes, target: '0', pass: tally.writes === 0 },
    { name: '4xx not naming the field', value: tally.unnamed, target: '0', pass: tally.unnamed === 0 },
    { name: 'seed', value: seed, target: 'FUZZ_SEED replays the run', pass: true },
  ];
  const command = size === 'full' ? 'pnpm test:fuzz' : 'pnpm test';
  writeReliabilityResult('fuzz', size, command, rows);
});

async function check(fuzzCase: FuzzCase): Promise<void> {
  const { request, params } = buildRequest(fuzzCase, ctx, adminToken);
  const response = await targetOf(fuzzCase).handler(request, params);
  const text = await response.text();
  const expected = expectationFor(fuzzCase);
  const refusal = refusalOf(response, text);
  tally.cases += 1;
  if (refusal.status >= 500) tally.serverErrors += 1;
  const label = `${fuzzCase.target} ${fuzzCase.spoil.kind}: ${refusal.status} ${text.slice(0, 300)}`;
  expect(refusal.status, label).toBeLessThan(500);
  expect(text, label).not.toMatch(stackTrace);
  if (expected.redirect) {
    expect([302, 404], label).toContain(response.status);
    if (response.status === 302) expect(response.headers.get('location'), label).toMatch(/^\/(?![/\\])/);
    return;
  }
  expect(expected.statuses, label).toContain(refusal.status);
  // A body over the route's cap is refused before it is parsed: that answer names the body as a whole.
  const names = refusal.status === 413 ? ['body', 'input'] : expected.names;
  const named = names.some((name) => refusal.message.includes(name));
  if (!named) tally.unnamed += 1;
  expect(named, `${label}\nexpected the message to name ${names.join(' or ')}`).toBe(true);
}

describe('bad input never reaches past validation', () => {
  it(
    `${totalCases} spoiled inputs: a 4xx naming the field, never a 5xx, nothing written`,
    async () => {
      const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
      const db = testFirestore();
      for (let batch = 0; tally.cases < totalCases; batch += 1) {
        const before = await firestoreSnapshot(db);
        const runs = Math.min(batchSize, totalCases - tally.cases);
        await fc.assert(fc.asyncProperty(caseArbitrary, check), { numRuns: runs, seed: seed + batch });
        const changed = changedPaths(before, await firestoreSnapshot(db));
        tally.writes += changed.length;
        expect(changed, `batch ${batch} (seed ${seed + batch}) wrote to Firestore`).toEqual([]);
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
      }
      expect(tally.cases).toBeGreaterThanOrEqual(totalCases);
    },
    totalCases * 200 + 60_000,
  );
});
