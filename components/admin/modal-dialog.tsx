"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A native modal dialog, shown while `open` is true; Escape and the backdrop close it. Its
 * children are mounted only while open, so a form inside starts fresh each time.
 */
export function ModalDialog(props: { open: boolean; onClose: () => void; label: string; widthClass: string; children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      aria-label={props.label}
      data-testid={props.testId}
      onClose={props.onClose}
      className={`m-auto ${props.widthClass} max-h-[calc(100vh-4rem)] max-w-[calc(100vw-2rem)] rounded-2xl p-0 text-left shadow-xl backdrop:bg-ink/40`}
    >
      {props.open ? props.children : null}
    </dialog>
  );
}
