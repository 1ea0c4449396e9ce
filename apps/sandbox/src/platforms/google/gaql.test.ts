import { describe, expect, it } from 'vitest';
import { GaqlError, parseGaql } from './gaql';

describe('parseGaql', () => {
  it('reads select, from, conditions, order and limit', () => {
    const query = parseGaql(
      "select campaign.id, metrics.clicks FROM campaign WHERE segments.date BETWEEN '2026-01-01' AND '2026-01-31' AND campaign.status IN ('ENABLED', 'PAUSED') AND metrics.clicks > 0 ORDER BY metrics.clicks DESC LIMIT 5",
    );
    expect(query).toEqual({
      select: ['campaign.id', 'metrics.clicks'],
      from: 'campaign',
      where: [
        {
          field: 'segments.date',
          operator: 'BETWEEN',
          values: [
            { kind: 'string', value: '2026-01-01' },
            { kind: 'string', value: '2026-01-31' },
          ],
        },
        {
          field: 'campaign.status',
          operator: 'IN',
          values: [
            { kind: 'string', value: 'ENABLED' },
            { kind: 'string', value: 'PAUSED' },
          ],
        },
        { field: 'metrics.clicks', operator: '>', values: [{ kind: 'number', value: 0 }] },
      ],
      orderBy: [{ field: 'metrics.clicks', descending: true }],
      limit: 5,
    });
  });

  it('reads DURING, NOT IN, IS NULL, != and PARAMETERS', () => {
    const query = parseGaql(
      "SELECT ad_group_ad.ad.id FROM ad_group_ad WHERE segments.date DURING LAST_7_DAYS AND ad_group_ad.status != 'REMOVED' AND campaign.id NOT IN (1, 2) AND campaign.name IS NOT NULL PARAMETERS include_drafts=true",
    );
    expect(query.where.map((c) => c.operator)).toEqual(['DURING', '!=', 'NOT IN', 'IS NOT NULL']);
  });

  it('reports QueryError codes for broken queries', () => {
    const code = (text: string) => {
      try {
        parseGaql(text);
        return 'parsed';
      } catch (error) {
        return error instanceof GaqlError ? error.code : 'other';
      }
    };
    expect(code('campaign.id FROM campaign')).toBe('EXPECTED_SELECT');
    expect(code('SELECT campaign.id campaign')).toBe('EXPECTED_FROM');
    expect(code("SELECT campaign.id FROM campaign WHERE campaign.name = 'x")).toBe('UNTERMINATED_STRING');
    expect(
      code("SELECT campaign.id FROM campaign WHERE segments.date BETWEEN '2026-01-01' '2026-01-02'"),
    ).toBe('EXPECTED_AND');
    expect(code('SELECT campaign.id FROM campaign LIMIT 0')).toBe('BAD_LIMIT_VALUE');
    expect(code('SELECT campaign.id FROM campaign WHERE campaign.id ~ 3')).toBe('BAD_SYMBOL');
  });
});
