import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger';

describe('worker logger', () => {
  it('writes JSON lines with tokens, secrets and authorization headers redacted', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      {
        jobId: 'job-1',
        accessToken: 'ya29.SECRET-ACCESS',
        credential: { refreshToken: 'SECRET-REFRESH', clientSecret: 'SECRET-CLIENT' },
        request: { headers: { authorization: 'Bearer SECRET-BEARER' } },
        tokens: { accessToken: 'SECRET-IN-SET' },
      },
      'sync started',
    );
    const line = lines.join('');
    expect(JSON.parse(line)).toMatchObject({ msg: 'sync started', jobId: 'job-1', service: 'worker' });
    expect(line).not.toMatch(/SECRET/);
    expect(line).toContain('[redacted]');
  });
});
