import { describe, expect, it } from 'vitest';
import { useSandbox } from './support/harness';
import {
  activeLinkedInVersion,
  googleAds,
  googleTokens,
  linkedInTokens,
  metaTokens,
  tiktokToken,
} from './support/tokens';

/** The same request twice gives the same bytes, on every platform (and across sandboxes). */
describe('deterministic answers', () => {
  const env = useSandbox();
  const twice = async (request: () => Promise<Response>) => {
    const first = await request();
    expect(first.status).toBe(200);
    return [await first.text(), await (await request()).text()];
  };

  it('Google, Meta, LinkedIn and TikTok repeat themselves exactly', async () => {
    const google = await googleTokens(env.url);
    const [g1, g2] = await twice(() =>
      googleAds(env.url, google.accessToken, 'customers/3334445556/googleAds:searchStream', {
        query:
          "SELECT campaign.id, segments.date, metrics.cost_micros, metrics.conversions FROM campaign WHERE segments.date BETWEEN '2026-09-01' AND '2026-09-30'",
        loginCustomerId: '4455667788',
      }),
    );
    expect(g2).toBe(g1);

    const { long } = await metaTokens(env.url);
    const range = encodeURIComponent(JSON.stringify({ since: '2026-09-01', until: '2026-09-30' }));
    const [m1, m2] = await twice(() =>
      fetch(
        `${env.url}/graph.facebook.com/v25.0/act_1010000000000003/insights?level=campaign&time_increment=1&time_range=${range}&fields=spend,actions&access_token=${long}`,
      ),
    );
    expect(m2).toBe(m1);

    const li = await linkedInTokens(env.url);
    const [l1, l2] = await twice(() =>
      fetch(
        `${env.url}/api.linkedin.com/rest/adAnalytics?q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY&dateRange=(start:(year:2026,month:9,day:1),end:(year:2026,month:9,day:30))&accounts=List(urn%3Ali%3AsponsoredAccount%3A508000003)&fields=dateRange,pivotValues,costInLocalCurrency`,
        {
          headers: {
            authorization: `Bearer ${li.accessToken}`,
            'linkedin-version': activeLinkedInVersion(),
            'x-restli-protocol-version': '2.0.0',
          },
        },
      ),
    );
    expect(l2).toBe(l1);

    const tt = await tiktokToken(env.url);
    const query = new URLSearchParams({
      advertiser_id: '7100000000000000003',
      report_type: 'BASIC',
      data_level: 'AUCTION_CAMPAIGN',
      dimensions: JSON.stringify(['campaign_id', 'stat_time_day']),
      metrics: JSON.stringify(['spend', 'complete_payment']),
      start_date: '2026-09-01',
      end_date: '2026-09-30',
      page_size: '1000',
    });
    const [t1, t2] = await twice(() =>
      fetch(`${env.url}/business-api.tiktok.com/open_api/v1.3/report/integrated/get/?${query}`, {
        headers: { 'access-token': tt },
      }),
    );
    expect(t2).toBe(t1);
  });
});
