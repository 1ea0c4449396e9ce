'use client';

import styles from '../dashboard.module.css';
import type { IntegrationView } from '../data/trpc';
import { Modal } from '../ui/modal';
import { useDisconnect } from './mutations';

/** Disconnecting says plainly what goes and what stays before anything happens. */
export function DisconnectDialog({
  integration,
  open,
  onClose,
  onDone,
}: {
  integration: IntegrationView;
  open: boolean;
  onClose: () => void;
  onDone: (result: { ok: boolean; message: string }) => void;
}) {
  const disconnect = useDisconnect();
  const name = integration.displayName;
  return (
    <Modal open={open} title={`Disconnect ${name}?`} onClose={onClose}>
      <ul className={styles.statement}>
        <li>
          <strong>Removed:</strong> our access at {name} (revoked there), the stored tokens, the account
          choice and the automation settings. No more syncs run.
        </li>
        <li>
          <strong>Kept:</strong> every number already synced and the sync job history; they stay on the
          dashboard. Link {name} again at any time to continue.
        </li>
      </ul>
      {disconnect.isError ? (
        <p role="alert" className={styles.error}>
          Not disconnected: {disconnect.error.message}
        </p>
      ) : null}
      <div className={styles.actions}>
        <button
          type="button"
          className={styles.danger}
          disabled={disconnect.isPending}
          onClick={() =>
            disconnect.mutate(
              { providerId: integration.providerId },
              {
                onSuccess: (result) => {
                  onDone({ ok: result.revoke.status !== 'failed', message: result.message });
                  onClose();
                },
              },
            )
          }
        >
          {disconnect.isPending ? 'Disconnecting…' : `Disconnect ${name}`}
        </button>
        <button type="button" className={styles.secondary} onClick={onClose}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
