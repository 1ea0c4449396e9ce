'use client';

import { useMutation } from '@tanstack/react-query';
import { createUserWithEmailAndPassword, signInWithEmailAndPassword } from 'firebase/auth';
import { useState } from 'react';
import { z } from 'zod';
import type { FirebaseClientConfig } from './client-config';
import styles from './dashboard.module.css';
import { browserAuth } from './firebase-client';

const ErrorBodySchema = z.object({ error: z.object({ message: z.string() }) });

/** Exchanges a Firebase ID token for the server's HttpOnly session cookie. */
async function startSession(idToken: string): Promise<void> {
  const response = await fetch('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ idToken }),
  });
  if (!response.ok) {
    const body = ErrorBodySchema.safeParse(await response.json().catch(() => null));
    throw new Error(body.success ? body.data.error.message : `the server answered ${response.status}`);
  }
}

function readableAuthError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'auth/invalid-credential' || code === 'auth/wrong-password' || code === 'auth/user-not-found')
    return 'That email and password do not match an account.';
  if (code === 'auth/email-already-in-use') return 'An account with this email exists: sign in instead.';
  if (code === 'auth/weak-password') return 'Choose a password of at least 6 characters.';
  if (code === 'auth/invalid-email') return 'Enter a valid email address.';
  return error instanceof Error ? error.message : 'Signing in failed; try again.';
}

export function SignIn({ firebase, onSignedIn }: { firebase: FirebaseClientConfig; onSignedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Signing in is a mutation like any other: pending and error state come from React Query.
  const signIn = useMutation({
    mutationFn: async (mode: 'sign-in' | 'sign-up') => {
      const auth = browserAuth(firebase);
      const credential =
        mode === 'sign-in'
          ? await signInWithEmailAndPassword(auth, email, password)
          : await createUserWithEmailAndPassword(auth, email, password);
      await startSession(await credential.user.getIdToken());
    },
    onSuccess: onSignedIn,
  });
  const busy = signIn.isPending;
  const error = signIn.isError ? readableAuthError(signIn.error) : null;
  const submit = (mode: 'sign-in' | 'sign-up') => signIn.mutate(mode);

  return (
    <section className={styles.card} aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">Sign in</h2>
      {firebase.authEmulatorHost ? (
        <p className={styles.muted}>
          Development: accounts live in the Auth emulator ({firebase.authEmulatorHost}). Create one with any
          email.
        </p>
      ) : null}
      <form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          submit('sign-in');
        }}
      >
        <label>
          Email
          <input
            type="email"
            name="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            minLength={6}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error ? (
          <p role="alert" className={styles.error}>
            {error}
          </p>
        ) : null}
        <div className={styles.actions}>
          <button type="submit" disabled={busy}>
            Sign in
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={(event) => {
              if (event.currentTarget.form?.reportValidity()) submit('sign-up');
            }}
          >
            Create account
          </button>
        </div>
      </form>
    </section>
  );
}
