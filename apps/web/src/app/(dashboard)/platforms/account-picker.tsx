'use client';

import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import styles from '../dashboard.module.css';
import { type IntegrationView, useTRPC } from '../data/trpc';
import { Modal } from '../ui/modal';
import { Skeleton } from '../ui/skeleton';
import { useSelectAccounts } from './mutations';

/** Past this many accounts, a search box helps (agency logins see dozens of clients). */
const searchFrom = 6;

type Account = {
  id: string;
  name: string;
  currencyCode: string;
  timeZone: string;
  status: string;
  isManager: boolean;
  reportable: boolean;
};

function AccountRow({
  account,
  checked,
  onToggle,
}: {
  account: Account;
  checked: boolean;
  onToggle: (checked: boolean) => void;
}) {
  const detailsId = useId();
  const unavailable = account.isManager;
  return (
    <li className={styles.accountRow}>
      <label>
        <input
          type="checkbox"
          checked={checked}
          disabled={unavailable}
          aria-describedby={detailsId}
          onChange={(e) => onToggle(e.target.checked)}
        />
        <span className={styles.accountName}>{account.name || account.id}</span>
      </label>
      <span id={detailsId} className={styles.accountDetails}>
        {account.id} · {account.currencyCode} · {account.timeZone} · {account.status}
        {account.isManager ? (
          <span className={styles.tag}>Manager account: holds no metrics of its own</span>
        ) : null}
        {!account.isManager && !account.reportable ? (
          <span className={styles.tagWarning}>Closed or suspended: the platform reports nothing for it</span>
        ) : null}
      </span>
    </li>
  );
}

function Picker({
  integration,
  onDone,
  onCancel,
}: {
  integration: IntegrationView;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const accounts = useQuery(trpc.integrations.accounts.queryOptions({ providerId: integration.providerId }));
  const select = useSelectAccounts();
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const list = accounts.data?.accounts ?? [];
  const choosable = list.filter((a) => !a.isManager);
  // Until the person touches a box: the saved choice, or every reportable account when syncing all
  // (nothing ticked when nothing was chosen yet, so the first choice is deliberate).
  const initial = useMemo(() => {
    if (!accounts.data) return new Set<string>();
    if (accounts.data.awaitingAccountChoice) return new Set<string>();
    if (accounts.data.syncsAllAccounts)
      return new Set(accounts.data.accounts.filter((a) => !a.isManager && a.reportable).map((a) => a.id));
    return new Set(accounts.data.selectedAccountIds);
  }, [accounts.data]);
  const selected = chosen ?? initial;
  const needle = query.trim().toLowerCase();
  const shown = needle
    ? list.filter((a) => `${a.name} ${a.id} ${a.currencyCode}`.toLowerCase().includes(needle))
    : list;
  const first = integration.awaitingAccountChoice;

  function toggle(id: string, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
    setProblem(null);
  }

  function submit() {
    if (selected.size === 0) {
      setProblem('Choose at least one account to sync.');
      return;
    }
    select.mutate(
      { providerId: integration.providerId, accountIds: [...selected] },
      {
        onSuccess: (result) =>
          onDone(
            result.backfill
              ? `${integration.displayName}: syncing ${selected.size} account${selected.size === 1 ? '' : 's'}; the 90-day backfill has started.`
              : `${integration.displayName}: account selection saved.`,
          ),
      },
    );
  }

  if (accounts.isPending) return <Skeleton label="Loading ad accounts" lines={4} />;
  if (accounts.isError) {
    return (
      <>
        <p role="alert" className={styles.error}>
          {accounts.error.message}
        </p>
        <button type="button" className={styles.secondary} onClick={onCancel}>
          Cancel
        </button>
      </>
    );
  }

  return (
    <form
      className={styles.picker}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <p className={styles.muted}>
        {first
          ? `This ${integration.displayName} login sees ${choosable.length} ad accounts. Choose the ones to sync; nothing is synced until you do.`
          : 'Accounts you add get their last 90 days; accounts you leave out stop syncing and keep the numbers already stored.'}
      </p>
      {list.length >= searchFrom ? (
        <div className={styles.searchRow}>
          <label htmlFor={searchId}>Search accounts</label>
          <input
            id={searchId}
            type="search"
            value={query}
            placeholder="Name, id or currency"
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
      ) : null}
      <div className={styles.pickerTools}>
        <button
          type="button"
          className={styles.secondary}
          onClick={() => setChosen(new Set(choosable.filter((a) => a.reportable).map((a) => a.id)))}
        >
          Select all
        </button>
        <button type="button" className={styles.secondary} onClick={() => setChosen(new Set())}>
          Clear
        </button>
        <span role="status" className={styles.muted}>
          {selected.size} of {choosable.length} selected
        </span>
      </div>
      <fieldset className={styles.accountList}>
        <legend className={styles.visuallyHidden}>Ad accounts</legend>
        <ul>
          {shown.map((account) => (
            <AccountRow
              key={account.id}
              account={account}
              checked={selected.has(account.id)}
              onToggle={(on) => toggle(account.id, on)}
            />
          ))}
          {shown.length === 0 ? <li className={styles.muted}>No account matches “{query}”.</li> : null}
        </ul>
      </fieldset>
      {problem || select.isError ? (
        <p role="alert" className={styles.error}>
          {problem ?? select.error?.message}
        </p>
      ) : null}
      <div className={styles.actions}>
        <button type="submit" className={styles.primary} disabled={select.isPending}>
          {first ? 'Start sync' : 'Save selection'}
        </button>
        <button type="button" className={styles.secondary} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** "Choose ad accounts": after consent (before the first sync) and any time later. */
export function AccountPicker({
  integration,
  open,
  onClose,
  onDone,
}: {
  integration: IntegrationView;
  open: boolean;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  return (
    <Modal open={open} title="Choose ad accounts" onClose={onClose}>
      <p className={styles.dialogSubtitle}>{integration.displayName}</p>
      {open ? (
        <Picker
          integration={integration}
          onDone={(message) => {
            onDone(message);
            onClose();
          }}
          onCancel={onClose}
        />
      ) : null}
    </Modal>
  );
}
