"use client";

import { useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { failureOf } from "@/components/admin/vouchers/failure";
import { ModalDialog } from "@/components/admin/modal-dialog";

export const inputClass = "mt-1 min-h-11 w-full rounded-lg border bg-white px-3 text-sm outline-none focus:border-brand-500";
export const primaryButton = "min-h-11 rounded-lg bg-ink px-5 text-sm font-semibold text-white hover:bg-black disabled:opacity-50";
export const dangerButton = "min-h-11 rounded-lg border border-red-200 bg-white px-4 text-sm font-semibold text-red-600 hover:bg-red-50 disabled:opacity-50";
export const confirmDangerButton = "min-h-11 rounded-lg bg-red-600 px-5 text-sm font-semibold text-white hover:bg-red-700 disabled:opacity-50";
export const secondaryButton = "min-h-11 rounded-lg border border-line bg-white px-4 text-sm font-semibold hover:bg-canvas disabled:opacity-50";

/** The editor's dialogs: inside the editor's own query client, so saving refreshes its lists. */
export function Dialog(props: { open: boolean; onClose: () => void; label: string; wide?: boolean; children: ReactNode; testId?: string }) {
  const { wide, ...rest } = props;
  return <ModalDialog {...rest} widthClass={wide ? "w-[52rem]" : "w-[32rem]"} />;
}

/**
 * A refused save turned into text: field messages (keys under `menuAdmin.fieldErrors`) next to
 * their fields, and anything else (keys under `errors`) as one line over the form.
 */
export function useFormErrors() {
  const t = useTranslations("menuAdmin");
  const tErrors = useTranslations("errors");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [form, setForm] = useState<string | null>(null);
  const fieldText = (key: string) => (t.has(`fieldErrors.${key}`) ? t(`fieldErrors.${key}`) : tErrors("generic"));
  const errorText = (key: string, details?: Record<string, string | number> | null) =>
    tErrors.has(key) ? tErrors(key, Object.fromEntries(Object.entries(details ?? {}).map(([k, v]) => [k, String(v)]))) : tErrors("generic");
  return {
    fields,
    form,
    clear: () => {
      setFields({});
      setForm(null);
    },
    setForm,
    show: (error: unknown) => {
      const refused = failureOf(error);
      const details = detailsOf(error);
      const next: Record<string, string> = {};
      for (const [field, key] of Object.entries(refused.fields)) next[field] = fieldText(key);
      if (typeof details?.field === "string") next[details.field] = errorText(refused.messageKey, details);
      setFields(next);
      setForm(Object.keys(next).length ? t("invalidForm") : errorText(refused.messageKey, details));
    },
    /** For checks made before anything is sent (the picture's size). */
    fieldText,
    errorText,
  };
}

export function detailsOf(error: unknown): Record<string, string | number> | null {
  const data = (error as { data?: { details?: unknown } } | null)?.data;
  return data?.details && typeof data.details === "object" ? (data.details as Record<string, string | number>) : null;
}

export function FieldError({ text, name }: { text: string | undefined; name: string }) {
  return text ? (
    <span className="mt-1 block text-xs font-normal text-red-600" data-testid={`field-error-${name}`}>
      {text}
    </span>
  ) : null;
}

export function FormAlert({ text }: { text: string | null }) {
  return text ? (
    <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
      {text}
    </p>
  ) : null;
}

/** Up/down arrows for one row of a list; disabled at the ends. */
export function MoveButtons(props: { name: string; index: number; count: number; onMove: (from: number, to: number) => void; disabled?: boolean }) {
  const t = useTranslations("menuAdmin");
  const button = "flex size-9 items-center justify-center rounded-lg text-muted hover:bg-canvas hover:text-ink disabled:opacity-25";
  return (
    <span className="flex shrink-0 items-center">
      <button
        type="button"
        aria-label={t("moveUp", { name: props.name })}
        disabled={props.disabled || props.index === 0}
        onClick={() => props.onMove(props.index, props.index - 1)}
        className={button}
      >
        <svg viewBox="0 0 20 20" className="size-4" aria-hidden><path d="M5 12l5-5 5 5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" /></svg>
      </button>
      <button
        type="button"
        aria-label={t("moveDown", { name: props.name })}
        disabled={props.disabled || props.index === props.count - 1}
        onClick={() => props.onMove(props.index, props.index + 1)}
        className={button}
      >
        <svg viewBox="0 0 20 20" className="size-4" aria-hidden><path d="M5 8l5 5 5-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" /></svg>
      </button>
    </span>
  );
}

/** The list with one entry moved, as the ids the server expects. */
export function moved(ids: readonly string[], from: number, to: number): string[] {
  const next = [...ids];
  const [entry] = next.splice(from, 1);
  if (entry === undefined || to < 0 || to > next.length) return [...ids];
  next.splice(to, 0, entry);
  return next;
}

/** HTML drag and drop over a list's rows: drop one row onto another to put it there. */
export function useDragReorder(ids: readonly string[], onReorder: (next: string[]) => void) {
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  return {
    dragging,
    over,
    rowProps: (id: string) => ({
      draggable: true,
      onDragStart: (event: React.DragEvent) => {
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", id);
        setDragging(id);
      },
      onDragOver: (event: React.DragEvent) => {
        if (!dragging) return;
        event.preventDefault();
        setOver(id);
      },
      onDragEnd: () => {
        setDragging(null);
        setOver(null);
      },
      onDrop: (event: React.DragEvent) => {
        event.preventDefault();
        const from = dragging ? ids.indexOf(dragging) : -1;
        const to = ids.indexOf(id);
        setDragging(null);
        setOver(null);
        if (from >= 0 && to >= 0 && from !== to) onReorder(moved(ids, from, to));
      },
    }),
  };
}

export function Toggle(props: { checked: boolean; label: string; onChange: (checked: boolean) => void; disabled?: boolean; tone?: "red" | "brand"; testId?: string }) {
  const on = props.tone === "red" ? "bg-red-500" : "bg-brand-500";
  return (
    <button
      type="button"
      role="switch"
      aria-checked={props.checked}
      aria-label={props.label}
      data-testid={props.testId}
      disabled={props.disabled}
      onClick={() => props.onChange(!props.checked)}
      className="flex min-h-11 items-center disabled:opacity-50"
    >
      <span className={`relative inline-flex h-6 w-11 rounded-full transition ${props.checked ? on : "bg-line"}`}>
        <span className={`absolute top-0.5 size-5 rounded-full bg-white shadow transition ${props.checked ? "left-[1.375rem]" : "left-0.5"}`} />
      </span>
    </button>
  );
}
