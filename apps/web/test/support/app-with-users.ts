import { createTestUser, type TestUser } from '@cohorts/test-harness';
import { afterAll, beforeAll } from 'vitest';
import { startTestApp, type TestApp } from './app';
import type { MountedRoute } from './http-server';

/** What a test file acts with: its app and its signed-up users, by name. */
export type AppWithUsers<Name extends string> = { app: TestApp } & Record<Name, TestUser>;

interface AppWithUsersOptions<Name extends string> {
  /** Each user by the name the file calls it, signed up in the Auth emulator as a user or an admin. */
  users: Record<Name, 'user' | 'admin'>;
  /** Routes mounted besides the app's own (see `startTestApp`). */
  routes?: MountedRoute[];
  /** What the users start with (integrations, metrics), once the app and users exist. */
  seed?: (web: AppWithUsers<Name>) => Promise<unknown>;
  /** Teardown of the file's own services, before the app closes. */
  close?: () => Promise<unknown>;
}

/**
 * The preamble of most web test files: before the file's tests, one app (its own Redis prefix) and the
 * users it names, seeded; after them, everything closed. The returned object is filled in `beforeAll`.
 */
export function appWithUsers<const Name extends string>(
  options: AppWithUsersOptions<Name>,
): AppWithUsers<Name> {
  // Filled in by beforeAll, before any test of the file reads it.
  const web = {} as AppWithUsers<Name>;
  beforeAll(async () => {
    web.app = await startTestApp(options.routes);
    const names = Object.keys(options.users) as Name[];
    const users = await Promise.all(
      names.map((name) => createTestUser(options.users[name] === 'admin' ? { claims: { admin: true } } : {})),
    );
    for (const [index, name] of names.entries()) Object.assign(web, { [name]: users[index] });
    await options.seed?.(web);
  });
  afterAll(async () => {
    await options.close?.();
    await web.app?.close();
  });
  return web;
}
