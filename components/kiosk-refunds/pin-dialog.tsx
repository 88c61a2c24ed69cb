"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Keypad } from "@/components/kiosk/keypad";
import { appendPinDigit, pinComplete } from "./refund-logic";

const SLOTS = 6;

/**
 * The manager types their PIN on a keypad (or a keyboard); digits show as dots. The PIN is
 * sent once per tap of "approve" and cleared at once, so it never sits on the screen.
 */
export function PinDialog(props: {
  subtitle: string;
  pending: boolean;
  error: string | null;
  uncertain: boolean;
  onSubmit: (pin: string) => void;
  onRetry: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("refund");
  const [pin, setPin] = useState("");
  const dialog = useRef<HTMLDivElement>(null);
  const ready = pinComplete(pin) && !props.pending && !props.uncertain;

  const submit = () => {
    if (!ready) return;
    props.onSubmit(pin);
    setPin("");
  };
  // The latest submit for the keyboard listener, which is attached once.
  const submitRef = useRef(submit);
  const cancelRef = useRef(props.onCancel);
  useEffect(() => {
    submitRef.current = submit;
    cancelRef.current = props.onCancel;
  });

  useEffect(() => {
    dialog.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (/^[0-9]$/.test(event.key)) setPin((current) => appendPinDigit(current, event.key));
      else if (event.key === "Backspace") setPin((current) => current.slice(0, -1));
      else if (event.key === "Enter") submitRef.current();
      else if (event.key === "Escape") cancelRef.current();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-ink/50 p-6">
      <div
        ref={dialog}
        tabIndex={-1}
        role="dialog"
        aria-modal="true"
        aria-labelledby="pin-title"
        data-testid="pin-dialog"
        className="w-[440px] rounded-3xl bg-canvas p-6 shadow-2xl outline-none"
      >
        <h2 id="pin-title" className="text-center text-2xl font-bold">
          {t("pinTitle")}
        </h2>
        <p className="tabular mt-1 text-center text-lg font-semibold text-red-600" data-testid="pin-subtitle">
          {props.subtitle}
        </p>
        <p className="mt-1 text-center text-sm text-muted">{t("pinHint")}</p>

        <div className="mt-4 flex justify-center gap-3" data-testid="pin-dots" aria-live="polite" aria-label={t("pinDigits", { count: pin.length })}>
          {Array.from({ length: SLOTS }, (_, index) => (
            <span
              key={index}
              aria-hidden
              className={`size-5 rounded-full ${index < pin.length ? "bg-ink" : index < 4 ? "bg-white ring-2 ring-line" : "bg-white/60 ring-1 ring-line"}`}
            />
          ))}
        </div>

        <div className="mt-3 min-h-12 text-center" aria-live="assertive">
          {props.pending ? <p className="font-semibold text-muted">{t("refunding")}</p> : null}
          {/* Shown until the next PIN is being typed. */}
          {props.error && !props.pending && pin.length === 0 ? (
            <p role="alert" className="font-semibold text-red-600" data-testid="pin-error">
              {props.error}
            </p>
          ) : null}
          {props.uncertain && !props.pending ? (
            <div className="rounded-xl bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="refund-uncertain">
              <p>{t("uncertain")}</p>
              <button type="button" onClick={props.onRetry} className="mt-2 min-h-12 w-full rounded-xl bg-amber-600 font-bold text-white active:bg-amber-700">
                {t("retry")}
              </button>
            </div>
          ) : null}
        </div>

        <div className="mt-2">
          <Keypad
            extra="clear"
            disabled={props.pending || props.uncertain}
            onDigits={(digits) => setPin((current) => appendPinDigit(current, digits))}
            onBackspace={() => setPin((current) => current.slice(0, -1))}
            onClear={() => setPin("")}
            testId="pin-keypad"
          />
        </div>

        <div className="mt-4 grid grid-cols-[1fr_2fr] gap-2">
          <button
            type="button"
            onClick={props.onCancel}
            disabled={props.pending}
            className="min-h-14 rounded-2xl bg-white text-lg font-semibold ring-1 ring-line active:bg-line disabled:opacity-40"
          >
            {t("pinCancel")}
          </button>
          <button
            type="button"
            data-testid="pin-confirm"
            onClick={submit}
            disabled={!ready}
            className="min-h-14 rounded-2xl bg-red-600 text-lg font-bold text-white active:bg-red-700 disabled:bg-line disabled:text-muted"
          >
            {t("pinConfirm")}
          </button>
        </div>
      </div>
    </div>
  );
}
