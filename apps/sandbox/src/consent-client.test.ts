import { describe, expect, it } from 'vitest';
import { parseConsentForm } from './consent-client';

describe('parseConsentForm', () => {
  it('reads the action, the request id and the logins offered', () => {
    const html = `<form method="POST" action="/www.linkedin.com/sandbox/consent">
      <input type="hidden" name="request" value="abc&#45;123">
      <select name="login"><option value="ada@x.example">Ada</option><option value="ben@x.example">Ben</option></select></form>`;
    expect(parseConsentForm(html)).toEqual({
      action: '/www.linkedin.com/sandbox/consent',
      request: 'abc-123',
      logins: ['ada@x.example', 'ben@x.example'],
    });
  });

  it('fails clearly on a page without a form', () => {
    expect(() => parseConsentForm('<h1>Error 400</h1>')).toThrow('no consent form');
  });
});
