import { describe, expect, it } from 'vitest';
import { GET } from '../src/app/api/healthz/route';

describe('GET /api/healthz', () => {
  it('answers ok with a valid configuration', async () => {
    const response = GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
