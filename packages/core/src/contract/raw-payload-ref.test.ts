import { describe, expect, it } from 'vitest';
import { RawPayloadRefSchema } from './raw-payload-ref';

describe('RawPayloadRefSchema', () => {
  it('keeps a store key as it is', () => {
    expect(RawPayloadRefSchema.parse('user-1/google/job-1-1.json')).toBe('user-1/google/job-1-1.json');
  });

  it('keeps only the key of a reference written before keys (no server path, no bucket)', () => {
    expect(RawPayloadRefSchema.parse('file:///srv/app/.data/raw-payloads/u1/tiktok/j9-3.json')).toBe(
      'u1/tiktok/j9-3.json',
    );
    expect(RawPayloadRefSchema.parse('gs://cohorts-raw/u1/facebook/j9-1.json')).toBe('u1/facebook/j9-1.json');
  });

  it.each([
    '/srv/raw/u1/google/j-1.json',
    '../google/j-1.json',
    'u1/myspace/j-1.json',
    'u1/google/j.json',
    '',
  ])('refuses %j', (ref) => {
    expect(RawPayloadRefSchema.safeParse(ref).success).toBe(false);
  });
});
