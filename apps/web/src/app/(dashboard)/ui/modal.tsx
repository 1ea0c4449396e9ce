'use client';

import { type ReactNode, useEffect, useId, useRef } from 'react';
import styles from '../dashboard.module.css';

/**
 * A modal dialog on the platform's own `<dialog>`: focus moves in and back, Escape closes, the page
 * behind is inert. Named by its title, so "Choose ad accounts" is how a screen reader (or a test) finds it.
 */
export function Modal({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Set while the owner closes it (by unmounting it): that close event is not the person closing it.
  const ownerClosing = useRef(false);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
    return () => {
      // Unmounted while open (Cancel, done): close it, so the page is no longer inert and focus goes
      // back to what opened it.
      if (dialog.open) {
        ownerClosing.current = true;
        dialog.close();
      }
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby={titleId}
      onClose={() => {
        if (ownerClosing.current) ownerClosing.current = false;
        else onClose();
      }}
    >
      {open ? (
        <>
          <h2 id={titleId}>{title}</h2>
          {children}
        </>
      ) : null}
    </dialog>
  );
}
