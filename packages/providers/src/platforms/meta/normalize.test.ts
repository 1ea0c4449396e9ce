import { type AdAccount, NormalizedMetricRecordSchema } from '@cohorts/core/contract';
import { describe, expect, it } from 'vitest';
import { adAccounts, ads, insightsPage1, insightsPage2 } from '../../../test/fixtures/meta';
import { MetaConversionMappingSchema } from '../../conversion-mapping';
import { metaAdAccount, metaCreativesByCampaign, normalizeMetaInsights } from './normalize';
import { MetaAdAccountsPageSchema, MetaAdsPageSchema, MetaInsightsPageSchema } from './schemas';

const account: AdAccount = {
  id: '1020304050',
  name: 'Shop US',
  currencyCode: 'USD',
  timeZone: 'America/Los_Angeles',
  status: 'active',
  isManager: false,
  loginCustomerId: null,
};

describe('Meta normalization', () => {
  const rows = [insightsPage1, insightsPage2].flatMap((page) => MetaInsightsPageSchema.parse(page).data);
  const creatives = metaCreativesByCampaign(MetaAdsPageSchema.parse(ads).data);

  it('reads one action type for conversions and revenue, never a sum of the aliases', () => {
    for (const [actionType, conversions, revenue] of [
      ['omni_purchase', 43, 4300.3],
      ['purchase', 42, 4200.2],
      ['offsite_conversion.fb_pixel_purchase', 41, 4100.1],
    ] as const) {
      const mapping = MetaConversionMappingSchema.parse({ actionType });
      const [record] = normalizeMetaInsights(rows, account, mapping, creatives);
      expect(record).toMatchObject({ conversions, revenue });
      expect(record?.conversionMapping).toBe(
        `conversions=actions[${actionType}]; revenue=action_values[${actionType}]; attribution=7d_click,1d_view`,
      );
    }
  });

  it('parses string numbers exactly and leaves revenue null where Meta reported no value', () => {
    const records = normalizeMetaInsights(rows, account, MetaConversionMappingSchema.parse({}), creatives);
    expect(records[0]).toMatchObject({
      date: '2026-01-01',
      timeZone: 'America/Los_Angeles',
      currencyCode: 'USD',
      spend: 5339.5,
      impressions: 361_324,
      clicks: 4120,
      campaign: { id: '23850000000000001', name: 'Prospecting - Advantage+', objective: 'OUTCOME_SALES' },
    });
    expect(records[1]).toMatchObject({
      spend: 0.01,
      impressions: 12,
      clicks: 0,
      conversions: 0,
      revenue: null,
    });
    for (const record of records) expect(() => NormalizedMetricRecordSchema.parse(record)).not.toThrow();
  });

  it('attaches creatives by campaign and refuses rows spanning more than one day', () => {
    const records = normalizeMetaInsights(rows, account, MetaConversionMappingSchema.parse({}), creatives);
    expect(records[0]?.creatives).toEqual([
      {
        id: '23850000000000201',
        name: 'Winter video',
        type: 'video',
        url: 'https://scontent.example/thumb.jpg',
      },
    ]);
    expect(records[1]?.creatives).toEqual([{ id: '23850000000000102', name: 'Bare ad', type: 'other' }]);
    const wide = { ...rows[0], date_stop: '2026-01-07' } as (typeof rows)[number];
    expect(() =>
      normalizeMetaInsights([wide], account, MetaConversionMappingSchema.parse({}), creatives),
    ).toThrow(RangeError);
  });

  it('maps ad accounts with their status codes', () => {
    const accounts = MetaAdAccountsPageSchema.parse(adAccounts).data.map(metaAdAccount);
    expect(accounts).toEqual([
      expect.objectContaining({
        id: '1020304050',
        currencyCode: 'USD',
        timeZone: 'America/Los_Angeles',
        status: 'active',
      }),
      expect.objectContaining({ id: '1020304051', status: 'disabled' }),
    ]);
  });
});
