import { type AdAccount, NormalizedMetricRecordSchema } from '@cohorts/core/contract';
import { describe, expect, it } from 'vitest';
import { adStream, campaignDayStream, customerClientStreamOfManager } from '../../../test/fixtures/google';
import { GoogleConversionMappingSchema } from '../../conversion-mapping';
import { campaignDayQuery } from './gaql';
import {
  googleAccountsFromCustomerClients,
  googleCreativesByCampaign,
  mergeGoogleAccounts,
  normalizeGoogleCampaignDays,
} from './normalize';
import { AdStreamSchema, CampaignDayStreamSchema, CustomerClientStreamSchema } from './schemas';

const account: AdAccount = {
  id: '1234567890',
  name: 'Client Berlin',
  currencyCode: 'EUR',
  timeZone: 'Europe/Berlin',
  status: 'active',
  isManager: false,
  loginCustomerId: '9990001111',
};
const mapping = GoogleConversionMappingSchema.parse({});

describe('Google normalization', () => {
  const rows = CampaignDayStreamSchema.parse(campaignDayStream).flatMap((batch) => batch.results);
  const creatives = googleCreativesByCampaign(
    AdStreamSchema.parse(adStream).flatMap((batch) => batch.results),
  );
  const records = normalizeGoogleCampaignDays(rows, account, mapping, creatives);

  it('reads int64 micros exactly and omitted zero fields as 0', () => {
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({
      date: '2026-01-01',
      currencyCode: 'EUR',
      timeZone: 'Europe/Berlin',
      spend: 12.345678,
      impressions: 1000,
      clicks: 50,
      conversions: 4.5,
      revenue: 200.1,
      campaign: { id: '111', name: 'Brand Search', objective: 'SEARCH' },
      conversionMapping: 'conversions=metrics.conversions; revenue=metrics.conversions_value',
    });
    expect(records[1]).toMatchObject({ spend: 0, impressions: 20, clicks: 0, conversions: 0, revenue: 0 });
    expect(records[2]).toMatchObject({ date: '2026-01-02', spend: 0, impressions: 0, revenue: 0 });
  });

  it('produces records valid against the normalized payload schema', () => {
    for (const record of records) expect(() => NormalizedMetricRecordSchema.parse(record)).not.toThrow();
  });

  it('attaches each campaign its ads as creatives', () => {
    expect(records[0]?.creatives).toEqual([
      { id: '71', name: 'Responsive search ad 71', type: 'text', url: 'https://shop.example/brand' },
    ]);
    expect(records[1]?.creatives).toEqual([{ id: '72', name: 'Winter banner', type: 'image' }]);
    expect(records[2]?.creatives).toEqual([]);
  });

  it('reads no revenue when the mapping names none', () => {
    const none = normalizeGoogleCampaignDays(rows, account, { ...mapping, revenue: null }, creatives);
    expect(none.every((record) => record.revenue === null)).toBe(true);
    expect(none[0]?.conversionMapping).toBe('conversions=metrics.conversions; revenue=none');
  });

  it('asks for the mapped metrics over campaign x segments.date', () => {
    const query = campaignDayQuery('2026-01-01', '2026-03-31', mapping);
    expect(query).toContain('segments.date');
    expect(query).toContain('metrics.cost_micros');
    expect(query).toContain('metrics.conversions_value');
    expect(query).toContain("BETWEEN '2026-01-01' AND '2026-03-31'");
  });
});

describe('Google account discovery', () => {
  const rows = CustomerClientStreamSchema.parse(customerClientStreamOfManager).flatMap(
    (batch) => batch.results,
  );

  it('flags the manager and reaches its clients through it', () => {
    const accounts = googleAccountsFromCustomerClients(rows, '9990001111');
    expect(accounts).toEqual([
      expect.objectContaining({ id: '9990001111', isManager: true, loginCustomerId: null, status: 'active' }),
      expect.objectContaining({ id: '1234567890', isManager: false, loginCustomerId: '9990001111' }),
      expect.objectContaining({ id: '5550002222', status: 'closed', currencyCode: 'GBP' }),
    ]);
  });

  it('prefers direct access over a manager path for the same account', () => {
    const viaManager = googleAccountsFromCustomerClients(rows, '9990001111');
    const direct = { ...account, loginCustomerId: null };
    const merged = mergeGoogleAccounts([viaManager, [direct]]);
    expect(merged.find((a) => a.id === '1234567890')?.loginCustomerId).toBeNull();
    expect(merged).toHaveLength(3);
  });
});
