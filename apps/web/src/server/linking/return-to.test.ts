import { describe, expect, it } from 'vitest';
import { landingPath, sameSiteReturnPath } from './return-to';

const app = 'https://ads.cohorts.example';

/** Where a browser goes when it gets `Location: <path>` from a page on `origin`. */
const followedFrom = (origin: string, path: string) => new URL(path, origin).origin;

describe('sameSiteReturnPath', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(sameSiteReturnPath('/', app)).toBe('/');
    expect(sameSiteReturnPath('/dashboard?x=1', app)).toBe('/dashboard?x=1');
    expect(sameSiteReturnPath('/metrics?range=30#chart', app)).toBe('/metrics?range=30#chart');
    expect(sameSiteReturnPath('/a/./b/../c', app)).toBe('/a/c');
  });

  it.each([
    '/.//evil.example',
    '/%2e//evil.example',
    '/%2E%2E//evil.example',
    '/a/../..//evil.example',
    '/.\\/evil.example',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example',
    'https://ads.cohorts.example.evil.example/',
    'javascript:alert(1)',
    'data:text/html,hi',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    ' //evil.example',
    'evil.example',
  ])('refuses %j, which a browser would take off the site', (returnTo) => {
    expect(sameSiteReturnPath(returnTo, app)).toBeNull();
  });

  it('never returns a path that leaves the site when used as a relative Location', () => {
    const tricky = ['/.//x', '/%2e/%2e//x', '/./\\x', '/%5C%5Cx', '/%2f%2fx', '/x?//y', '/x#//y', '/;//x'];
    for (const returnTo of tricky) {
      const path = sameSiteReturnPath(returnTo, app);
      if (path !== null) expect(followedFrom('https://other.invalid', path)).toBe('https://other.invalid');
    }
  });
});

describe('landingPath', () => {
  it("sets the outcome's parameters, replacing any the return path carried", () => {
    expect(landingPath('/?tab=jobs&linkError=denied', app, { linked: 'google', pick: '1' })).toBe(
      '/?tab=jobs&linked=google&pick=1',
    );
  });

  it('lands on / when the return path would leave the site', () => {
    expect(landingPath('/.//evil.example', app, { linkError: 'wrong-user', provider: 'google' })).toBe(
      '/?linkError=wrong-user&provider=google',
    );
  });
});
