/**
 * `pnpm --filter @cohorts/worker rotate-keys`: re-seals every stored OAuth credential under the
 * current encryption key (the first in TOKEN_ENCRYPTION_KEYS) and prints how many it moved, skipped
 * (already current) and failed. Once a run reports 0 failed, the old key can leave the list.
 * Safe while workers run: a credential refreshed during the run keeps its newer tokens.
 * Env: FIREBASE_PROJECT_ID, TOKEN_ENCRYPTION_KEYS (and FIRESTORE_EMULATOR_HOST locally).
 * Exit codes: 0 done, 1 some failed, 78 invalid configuration.
 */
import {
  FirebaseEnvSchema,
  firestoreFor,
  IntegrationCredentialsRepository,
  loadAppEnv,
  rotateCredentialKeys,
  TokenVault,
  TokenVaultEnvSchema,
} from '@cohorts/core';
import { loadConfigOrExit } from '../src/config-or-exit';

const env = loadConfigOrExit(() => loadAppEnv(FirebaseEnvSchema.and(TokenVaultEnvSchema), process.env));
const vault = new TokenVault(env.TOKEN_ENCRYPTION_KEYS);
const credentials = new IntegrationCredentialsRepository(firestoreFor(env.FIREBASE_PROJECT_ID), vault);
const report = await rotateCredentialKeys(credentials);
for (const failure of report.failed) console.error(`failed: ${failure.path}: ${failure.reason}`);
console.log(
  `key rotation to "${vault.currentKeyId}": moved ${report.moved}, skipped ${report.skipped} (already current), failed ${report.failed.length}`,
);
process.exit(report.failed.length > 0 ? 1 : 0);
