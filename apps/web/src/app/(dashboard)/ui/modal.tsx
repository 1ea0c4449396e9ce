'use client';

import { type ReactNode, useEffect, useId, useLayoutEffect, useRef } from 'react';
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
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  // Closed by its owner unmounting it (Cancel, done): close first, so focus returns to where it was.
  useLayoutEffect(() => {
    const dialog = ref.current;
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);
  return (
    <dialog ref={ref} className={styles.dialog} aria-labelledby={titleId} onClose={onClose}>
      {open ? (
        <>
          <h2 id={titleId}>{title}</h2>
          {children}
        </>
      ) : null}
    </dialog>
  );
}
