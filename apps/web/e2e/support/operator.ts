import { testFirebaseApp } from '@cohorts/test-harness';
import { getAuth } from 'firebase-admin/auth';

/**
 * What an operator does outside the app: gives an account the `admin` claim (README: "set it in the
 * Auth emulator, or with firebase-admin's setCustomUserClaims"). It applies from the next sign-in.
 */
export async function grantAdmin(email: string): Promise<void> {
  const auth = getAuth(testFirebaseApp());
  const user = await auth.getUserByEmail(email);
  await auth.setCustomUserClaims(user.uid, { admin: true });
}
