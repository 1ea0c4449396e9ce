import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const webDir = fileURLToPath(new URL('..', import.meta.url));

/** Runs the server start hook in a Node process of its own, as Next does when a server starts. */
async function startHook(env: Record<string, string>) {
  try {
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--eval', "await (await import('./src/instrumentation.ts')).register()"],
      { cwd: webDir, env: { ...process.env, NEXT_RUNTIME: 'nodejs', ...env }, timeout: 60_000 },
    );
    return { code: 0, stderr: '' };
  } catch (error) {
    return z.object({ code: z.number(), stderr: z.string() }).parse(error);
  }
}

describe('web server start (instrumentation register)', () => {
  it('refuses development settings in production with exit 78, naming each variable', async () => {
    const result = await startHook({
      NODE_ENV: 'production',
      FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080',
      ADS_SANDBOX_URL: 'http://127.0.0.1:4010',
      OAUTH_STATE_SECRET: 'development-only-oauth-state-secret-change-me',
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/FIRESTORE_EMULATOR_HOST: must not be set when NODE_ENV=production/);
    expect(result.stderr).toMatch(/ADS_SANDBOX_URL: must not be set when NODE_ENV=production/);
    expect(result.stderr).toMatch(/OAUTH_STATE_SECRET: is the published development value/);
    expect(result.stderr).not.toContain('development-only-oauth-state-secret-change-me');
  });

  it('starts with a valid test configuration', async () => {
    expect((await startHook({ NODE_ENV: 'test' })).code).toBe(0);
  });
});
