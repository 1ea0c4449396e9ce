/**
 * `pnpm --filter @cohorts/sandbox bench`: how fast the sandbox answers the reports connectors pull,
 * over real HTTP on this machine (requests per second and latency percentiles, 4 clients each).
 * `--smoke` (or BENCH_SIZE=smoke) measures each endpoint for 250 ms instead of 3 s (the test suite
 * runs it so); BENCH_MS overrides either.
 */
import { parseArgs } from 'node:util';
import { addDays, driveConsent, localDate, startSandbox } from '../src';

const { values: flags } = parseArgs({ options: { smoke: { type: 'boolean', default: false } } });
const smoke = flags.smoke || process.env.BENCH_SIZE === 'smoke';
const DURATION_MS = Number(process.env.BENCH_MS ?? (smoke ? 250 : 3_000));
/** The sandbox's calendar starts here, so the reports' dates never depend on the day the bench runs. */
const CLOCK_START_AT = '2026-11-18T12:00:00Z';
const CLIENTS = 4;
const CALLBACK = 'http://localhost:3000/cb';

async function field(response: Response, ...path: string[]): Promise<string> {
  let node: unknown = await response.json();
  for (const key of path)
    node = node !== null && typeof node === 'object' ? Reflect.get(node, key) : undefined;
  if (typeof node !== 'string') throw new Error(`no ${path.join('.')} in the answer`);
  return node;
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

async function tokens(url: string) {
  const googleCode = (
    await driveConsent(
      `${url}/accounts.google.com/o/oauth2/v2/auth?client_id=b&redirect_uri=${CALLBACK}&response_type=code&scope=s`,
    )
  ).searchParams.get('code');
  const google = await field(
    await fetch(
      `${url}/oauth2.googleapis.com/token`,
      form({
        grant_type: 'authorization_code',
        code: googleCode ?? '',
        client_id: 'b',
        client_secret: 's',
        redirect_uri: CALLBACK,
      }),
    ),
    'access_token',
  );
  const metaCode = (
    await driveConsent(`${url}/www.facebook.com/v25.0/dialog/oauth?client_id=b&redirect_uri=${CALLBACK}`)
  ).searchParams.get('code');
  const meta = await field(
    await fetch(
      `${url}/graph.facebook.com/v25.0/oauth/access_token?${new URLSearchParams({ client_id: 'b', client_secret: 's', redirect_uri: CALLBACK, code: metaCode ?? '' })}`,
    ),
    'access_token',
  );
  const liCode = (
    await driveConsent(
      `${url}/www.linkedin.com/oauth/v2/authorization?response_type=code&client_id=b&redirect_uri=${CALLBACK}&scope=r_ads`,
    )
  ).searchParams.get('code');
  const linkedin = await field(
    await fetch(
      `${url}/www.linkedin.com/oauth/v2/accessToken`,
      form({
        grant_type: 'authorization_code',
        code: liCode ?? '',
        client_id: 'b',
        client_secret: 's',
        redirect_uri: CALLBACK,
      }),
    ),
    'access_token',
  );
  const ttCode = (
    await driveConsent(`${url}/business-api.tiktok.com/portal/auth?app_id=b&redirect_uri=${CALLBACK}`)
  ).searchParams.get('auth_code');
  const tiktok = await field(
    await fetch(`${url}/business-api.tiktok.com/open_api/v1.3/oauth2/access_token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ app_id: 'b', secret: 's', auth_code: ttCode }),
    }),
    'data',
    'access_token',
  );
  return { google, meta, linkedin, tiktok };
}

async function measure(name: string, request: () => Promise<Response>) {
  const latencies: number[] = [];
  let bytes = 0;
  const until = performance.now() + DURATION_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const response = await request();
        bytes += (await response.arrayBuffer()).byteLength;
        if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0).toFixed(1);
  const kb = (bytes / latencies.length / 1024).toFixed(1);
  process.stdout.write(
    `${name.padEnd(46)} ${(latencies.length / seconds).toFixed(0).padStart(6)} req/s   p50 ${pct(0.5).padStart(6)} ms   p95 ${pct(0.95).padStart(6)} ms   ${kb} KB/answer\n`,
  );
}

const sandbox = await startSandbox({ port: 0, clockStartAt: CLOCK_START_AT });
try {
  const url = sandbox.url;
  const t = await tokens(url);
  const start = new Date(CLOCK_START_AT);
  const today = localDate(start.getTime(), 'UTC');
  const [d90, d30, d1] = [addDays(today, -90), addDays(today, -30), addDays(today, -1)];
  const part = (d: string) =>
    `(year:${Number(d.slice(0, 4))},month:${Number(d.slice(5, 7))},day:${Number(d.slice(8, 10))})`;
  const version = `${start.getUTCFullYear()}${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
  process.stdout.write(`sandbox bench: ${CLIENTS} concurrent clients, ${DURATION_MS} ms per endpoint\n`);

  await measure('google searchStream, 90 days x 5 campaigns', () =>
    fetch(`${url}/googleads.googleapis.com/v23/customers/1112223334/googleAds:searchStream`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${t.google}`,
        'developer-token': 'd',
        'login-customer-id': '4455667788',
      },
      body: JSON.stringify({
        query: `SELECT campaign.id, campaign.name, segments.date, metrics.cost_micros, metrics.impressions, metrics.clicks, metrics.conversions, metrics.conversions_value FROM campaign WHERE segments.date BETWEEN '${d90}' AND '${d1}'`,
      }),
    }),
  );
  await measure('meta insights, 31 days x 5 campaigns, one page', () =>
    fetch(
      `${url}/graph.facebook.com/v25.0/act_1010000000000001/insights?${new URLSearchParams({
        level: 'campaign',
        time_increment: '1',
        time_range: JSON.stringify({ since: d30, until: d1 }),
        fields: 'campaign_id,campaign_name,spend,impressions,clicks,actions,action_values',
        limit: '500',
        access_token: t.meta,
      })}`,
    ),
  );
  await measure('linkedin adAnalytics, 90 days x 5 campaigns', () =>
    fetch(
      `${url}/api.linkedin.com/rest/adAnalytics?q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY&dateRange=(start:${part(d90)},end:${part(d1)})&accounts=List(urn%3Ali%3AsponsoredAccount%3A508000001)&fields=dateRange,pivotValues,impressions,clicks,costInLocalCurrency,externalWebsiteConversions,conversionValueInLocalCurrency`,
      {
        headers: {
          authorization: `Bearer ${t.linkedin}`,
          'linkedin-version': version,
          'x-restli-protocol-version': '2.0.0',
        },
      },
    ),
  );
  await measure('tiktok report, 30 days x 5 campaigns, one page', () =>
    fetch(
      `${url}/business-api.tiktok.com/open_api/v1.3/report/integrated/get/?${new URLSearchParams({
        advertiser_id: '7100000000000000001',
        report_type: 'BASIC',
        data_level: 'AUCTION_CAMPAIGN',
        dimensions: JSON.stringify(['campaign_id', 'stat_time_day']),
        metrics: JSON.stringify([
          'spend',
          'impressions',
          'clicks',
          'complete_payment',
          'total_complete_payment_rate',
        ]),
        start_date: d30,
        end_date: addDays(d30, 29),
        page_size: '1000',
      })}`,
      { headers: { 'access-token': t.tiktok } },
    ),
  );
} finally {
  await sandbox.close();
}
