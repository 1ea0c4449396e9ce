import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from './redact';

describe('Redactor', () => {
  const token = 'EAAB-secret-token-1234567890';
  const redactor = new Redactor([token, 'app-secret-xyz', undefined, null, 'abc']);

  it('replaces known secrets wherever they appear', () => {
    expect(redactor.text(`Invalid OAuth access token ${token} (token=${token})`)).not.toContain(token);
    expect(redactor.text('secret app-secret-xyz here')).toBe(`secret ${REDACTED} here`);
  });

  it('ignores secrets too short to replace safely', () => {
    expect(redactor.text('abc def')).toBe('abc def');
  });

  it('masks credential query parameters and bearer headers it was not told about', () => {
    const text = redactor.text(
      'GET /me?access_token=unknown123&fields=id&client_secret=s3cr3t&code=AQ123 Authorization: Bearer ya29.zzz',
    );
    expect(text).toBe(
      `GET /me?access_token=${REDACTED}&fields=id&client_secret=${REDACTED}&code=${REDACTED} Authorization: Bearer ${REDACTED}`,
    );
  });

  it('redacts deep inside JSON (paging URLs carrying tokens)', () => {
    const body = {
      data: [{ id: '1', note: token }],
      paging: { next: 'https://graph.facebook.com/v25.0/act_1/insights?access_token=EAAXYZ&after=abc' },
      count: 3,
      flag: null,
    };
    const redacted = redactor.deep(body);
    expect(JSON.stringify(redacted)).not.toContain(token);
    expect(JSON.stringify(redacted)).not.toContain('EAAXYZ');
    expect(redacted).toMatchObject({
      count: 3,
      flag: null,
      paging: { next: expect.stringContaining('after=abc') },
    });
  });

  it('extends with more secrets without forgetting the first ones', () => {
    const more = redactor.with(['refresh-token-999999']);
    expect(more.text(`${token} refresh-token-999999`)).toBe(`${REDACTED} ${REDACTED}`);
  });
});
