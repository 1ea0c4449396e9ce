'use client';

import { type FirebaseApp, getApps, initializeApp } from 'firebase/app';
import { type Auth, connectAuthEmulator, getAuth } from 'firebase/auth';
import type { FirebaseClientConfig } from './client-config';

let auth: Auth | null = null;

/** The browser's Firebase Auth, connected to the Auth emulator in development. */
export function browserAuth(config: FirebaseClientConfig): Auth {
  if (auth) return auth;
  const app: FirebaseApp =
    getApps()[0] ??
    initializeApp({ apiKey: config.apiKey, projectId: config.projectId, authDomain: config.authDomain });
  auth = getAuth(app);
  if (config.authEmulatorHost) {
    connectAuthEmulator(auth, `http://${config.authEmulatorHost}`, { disableWarnings: true });
  }
  return auth;
}
