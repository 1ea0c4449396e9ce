import { type AdAccount, NormalizedMetricRecordSchema } from '@cohorts/core/contract';
import { describe, expect, it } from 'vitest';
import { adsList, advertiserInfo, campaigns, report } from '../../../test/fixtures/tiktok';
import { TikTokConversionMappingSchema } from '../../conversion-mapping';
import { normalizeTikTokReport, tiktokAdAccount, tiktokCreativesByCampaign } from './normalize';
import { tiktokReportMetrics } from './reporting';
import {
  TikTokAdsSchema,
  TikTokAdvertiserInfoResponseSchema,
  TikTokCampaignsSchema,
  TikTokReportSchema,
} from './schemas';

const account: AdAccount = {
  id: '7000000000000001',
  name: 'Shop TikTok',
  currencyCode: 'USD',
  timeZone: 'America/Los_Angeles',
  status: 'active',
  isManager: false,
  loginCustomerId: null,
};

describe('TikTok normalization', () => {
  const rows = TikTokReportSchema.parse(report).data.list;
  const campaignMap = new Map(
    TikTokCampaignsSchema.parse(campaigns).data.list.map((c) => [String(c.campaign_id), c]),
  );
  const creatives = tiktokCreativesByCampaign(TikTokAdsSchema.parse(adsList).data.list);
  const mapping = TikTokConversionMappingSchema.parse({});
  const records = normalizeTikTokReport(rows, account, mapping, campaignMap, creatives);

  it('reads complete_payment and total_complete_payment_rate (the purchase value) exactly', () => {
    expect(records[0]).toMatchObject({
      date: '2026-01-15',
      timeZone: 'America/Los_Angeles',
      spend: 1265.87,
      impressions: 3_840_449,
      clicks: 45_231,
      conversions: 14,
      revenue: 980.25,
      campaign: { id: '1680018437245954', name: 'Spring Sale', objective: 'WEB_CONVERSIONS' },
      conversionMapping: 'conversions=complete_payment; revenue=total_complete_payment_rate',
    });
  });

  it('reads "-" as no conversions and null revenue', () => {
    expect(records[1]).toMatchObject({ spend: 10, conversions: 0, revenue: null });
    for (const record of records) expect(() => NormalizedMetricRecordSchema.parse(record)).not.toThrow();
  });

  it('can read the generic conversion event with no revenue instead', () => {
    const other = TikTokConversionMappingSchema.parse({ conversions: 'conversion', revenue: null });
    const [record] = normalizeTikTokReport(rows, account, other, campaignMap, creatives);
    expect(record).toMatchObject({
      conversions: 20,
      revenue: null,
      conversionMapping: 'conversions=conversion; revenue=none',
    });
    expect(tiktokReportMetrics(other)).toEqual([
      'campaign_name',
      'spend',
      'impressions',
      'clicks',
      'conversion',
    ]);
  });

  it('attaches ads as creatives', () => {
    expect(records[0]?.creatives).toEqual([
      { id: '1700000000000001', name: 'UGC video 1', type: 'video', url: 'https://shop.example/spring' },
    ]);
    expect(records[1]?.creatives).toEqual([{ id: '1700000000000002', name: 'Banner', type: 'image' }]);
  });

  it('maps advertisers, preferring an IANA display time zone and skipping unusable ones', () => {
    const infos = TikTokAdvertiserInfoResponseSchema.parse(advertiserInfo).data.list;
    expect(infos.map(tiktokAdAccount)).toEqual([
      expect.objectContaining({ id: '7000000000000001', timeZone: 'America/Los_Angeles', status: 'active' }),
      undefined,
    ]);
  });
});
