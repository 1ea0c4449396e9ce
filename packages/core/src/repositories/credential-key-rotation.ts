import type { IntegrationCredentialsRepository } from './integration-credentials-repository';

export interface KeyRotationReport {
  /** Re-sealed under the current key. */
  moved: number;
  /** Already under the current key, or saved anew while the command ran (a refresh seals with the current key). */
  skipped: number;
  /** Could not be opened or read: the path and why (never key material or plaintext). */
  failed: { path: string; reason: string }[];
}

/**
 * Re-seals every stored credential under the vault's current key, so an old key can be removed
 * from TOKEN_ENCRYPTION_KEYS once `failed` is empty. Safe to run while workers sync: each write
 * is conditional on the document being unchanged since it was read.
 */
export async function rotateCredentialKeys(
  credentials: IntegrationCredentialsRepository,
  pageSize = 200,
): Promise<KeyRotationReport> {
  const report: KeyRotationReport = { moved: 0, skipped: 0, failed: [] };
  for await (const entry of credentials.everyStored(pageSize)) {
    try {
      if (!entry.snapshot) throw entry.error;
      const outcome = await credentials.rotate(entry.snapshot);
      if (outcome === 'moved') report.moved++;
      else report.skipped++;
    } catch (error) {
      report.failed.push({
        path: entry.path,
        reason: error instanceof Error ? error.message : 'unknown error',
      });
    }
  }
  return report;
}
