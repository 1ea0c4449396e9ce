import { providerIds, providerSlugs } from '@cohorts/core';
import fc from 'fast-check';

/**
 * Values each kind of input field must refuse, as fast-check arbitraries. `json` values go into JSON
 * bodies and tRPC inputs (any JSON type); `text` values go into query strings (text only). Every
 * value is wrong by the field's own rules, so the oracle never depends on the schema under test.
 */
export interface BadValues {
  json: fc.Arbitrary<unknown>;
  text: fc.Arbitrary<string>;
}

/** Unicode that trips naive code: lone surrogates, bidi overrides, zero-width, NUL, BOM, astral. */
const unicodeEdges = [
  '\uD800',
  'a\uDFFFb',
  '\u202Egoogle',
  'goo\u200Bgle',
  '\u0000',
  'google\u0000',
  '\uFEFFgoogle',
  '\u0085',
  '💥'.repeat(3),
  'ｇｏｏｇｌｅ',
  'İ',
] as const;

/** Text that looks like an attack on paths, prototypes, queries or templates. */
const injections = [
  '../../etc/passwd',
  '..%2F..%2F',
  '\\..\\..\\',
  'users/alice',
  'a/b',
  '/',
  '__proto__',
  'constructor',
  'prototype',
  '__name__',
  "' OR '1'='1",
  '{"$gt":""}',
  '<script>alert(1)</script>',
  '{{constructor.constructor}}',
  '%00',
] as const;

const edgeText = fc.oneof(
  fc.constantFrom(...unicodeEdges, ...injections),
  fc.string({ maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
);

/** Strings long enough to be refused by any field here; now and then very long. */
const longText = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 600, max: 5_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 50_000, max: 300_000 }).map((n) => 'y'.repeat(n)) },
);

/** JSON values of the wrong type for a string field (null is wrong for every optional field here). */
const notAString = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
);

const notANumber = fc.oneof(
  edgeText,
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 3 }),
);

const notABoolean = fc.oneof(
  fc.constantFrom('true', 'false', 'yes', '1', ''),
  fc.integer({ min: -1, max: 2 }),
  fc.array(fc.boolean(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.boolean(), { maxKeys: 2 }),
);

/** Text that is no Firestore document id (slash, `.`/`..`, `__x__`) or too long for a user id. */
const badUserIdText = fc.oneof(
  fc.constantFrom('', '.', '..', '/', 'a/b', '../x', 'users/alice/adIntegrations/google', '__proto__'),
  fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })).map(([a, b]) => `${a}/${b}`),
  fc.string({ minLength: 1, maxLength: 12 }).map((s) => `__${s}__`),
  fc.integer({ min: 129, max: 3_000 }).map((n) => 'u'.repeat(n)),
);

/** Lone surrogates survive JSON (escaped) but not a URL, so they are JSON-only. */
const badUserIdJson = fc.oneof(
  badUserIdText,
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF'))
    .map(([a, b]) => `${a}${b}`),
  notAString,
);

const isValidProvider = (value: string) => (providerIds as readonly string[]).includes(value);

const badProviderText = fc
  .oneof(edgeText, longText, fc.constantFrom('GOOGLE', 'google ', ' meta', 'linked-in', 'tik tok'))
  .filter((value) => !isValidProvider(value));

/** A provider list as the query string spells it: the comma-separated parts must hold a bad one. */
const badProviderListText = fc
  .tuple(fc.constantFrom('', 'google,', 'meta,tiktok,'), badProviderText)
  .map(([valid, bad]) => `${valid}${bad}`)
  .filter((text) =>
    text
      .split(',')
      .map((part) => part.trim())
      .some((part) => part !== '' && !isValidProvider(part)),
  );

const badDateText = fc.oneof(
  fc.constantFrom(
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '2026-11-31',
    '2025-02-29',
    '２０２６-１１-０１',
    '2026-11-01T00:00:00Z',
    '2026/11/01',
    '20261101',
    ' 2026-11-01',
    '+02026-11-01',
    '',
  ),
  edgeText.filter((value) => !/^\d{4}-\d{2}-\d{2}$/.test(value)),
  longText,
);

function badInteger(min: number, max: number, nullable: boolean): BadValues {
  const outOfRange = fc.oneof(
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: min - 1 }),
    fc.integer({ min: max + 1, max: Number.MAX_SAFE_INTEGER }),
    fc.constantFrom(1e21, -1e21),
  );
  const fraction = fc
    .double({ min: min - 1, max: max + 1, noNaN: true, noDefaultInfinity: true })
    .filter((n) => !Number.isInteger(n));
  return {
    json: fc.oneof(outOfRange, fraction, notANumber, ...(nullable ? [] : [fc.constant(null)])),
    text: fc.oneof(
      outOfRange.map(String),
      fraction.map(String),
      fc.constantFrom('abc', '1e3', '0x10', '', ' 5', '5 ', '٣'),
      edgeText.filter((value) => !/^-?\d+$/.test(value)),
    ),
  };
}

const badCursorText = fc
  .oneof(edgeText, longText, fc.constantFrom('', 'a b', 'a/b', '..', 'job id'))
  .filter((value) => !/^[A-Za-z0-9_-]{1,128}$/.test(value));

const badReturnToText = fc.oneof(
  fc.constantFrom(
    '//evil.example',
    '/\\evil.example',
    'https://evil.example',
    'javascript:alert(1)',
    '',
    '/a b',
  ),
  edgeText.filter((value) => !value.startsWith('/')),
  fc.integer({ min: 513, max: 4_000 }).map((n) => `/${'p'.repeat(n)}`),
);

export const badValues = {
  userId: { json: badUserIdJson, text: badUserIdText },
  providerId: { json: fc.oneof(badProviderText, notAString), text: badProviderText },
  providerIds: {
    json: fc.oneof(
      badProviderText.map((bad) => ['google', bad]),
      fc.array(fc.constantFrom(...providerIds), { minLength: providerIds.length + 1, maxLength: 12 }),
      fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), badProviderText),
      fc.array(notAString, { minLength: 1, maxLength: 3 }),
    ),
    text: badProviderListText,
  },
  date: { json: fc.oneof(badDateText, notAString), text: badDateText },
  cursor: {
    json: fc.oneof(badCursorText, fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 })),
    text: badCursorText,
  },
  returnTo: { json: fc.oneof(badReturnToText, notAString), text: badReturnToText },
  accountIds: {
    json: fc.oneof(
      fc.array(fc.constant(''), { minLength: 1, maxLength: 3 }),
      fc.array(fc.oneof(fc.integer(), fc.constant(null), fc.boolean()), { minLength: 1, maxLength: 3 }),
      fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.constant(null)),
      fc.integer({ min: 501, max: 700 }).map((n) => Array.from({ length: n }, (_, i) => `acct-${i}`)),
    ),
    text: fc.constant(''),
  },
  idToken: { json: fc.oneof(fc.constant(''), notAString), text: fc.constant('') },
  optionalBoolean: { json: fc.oneof(notABoolean, fc.constant(null)), text: fc.constant('yes') },
  nullableBoolean: { json: notABoolean, text: fc.constant('yes') },
  optionalText: {
    json: fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 })),
    text: fc.constant(''),
  },
  integer: badInteger,
  slug: {
    json: fc.constant(''),
    text: fc
      .oneof(edgeText, fc.constantFrom('Google', 'linked-in', 'facebook', ''))
      .filter((value) => !(providerSlugs as readonly string[]).includes(value)),
  },
  anyText: { json: edgeText, text: fc.oneof(edgeText, longText) },
} as const;

/** Text that is not JSON at all, for bodies and tRPC inputs. */
export const notJson = fc
  .oneof(
    fc.constantFrom(
      "{'userId': 1}",
      '{"providerId": "google",}',
      'undefined',
      'NaN',
      '{',
      '[1,2',
      'providerId=google',
    ),
    fc.string({ minLength: 1, maxLength: 40 }),
  )
  .filter((text) => {
    if (text.trim() === '') return false;
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });

/** JSON that parses but is no object (the input as a whole is wrong). */
export const notAnObject = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** Extra keys a client may add: ignored by the schemas, and never a way into a prototype. */
export const noiseKeys = fc.dictionary(
  fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'a/b', '..', '$where', '\u0000'),
    fc.string({ maxLength: 8 }),
  ),
  fc.oneof(
    fc.dictionary(fc.constantFrom('polluted', 'admin', 'isAdmin'), fc.constant(true), { maxKeys: 2 }),
    fc.string({ maxLength: 8 }),
    fc.integer(),
  ),
  { maxKeys: 3 },
);
