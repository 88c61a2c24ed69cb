"use client";

import { useTranslations } from "next-intl";

/** A 3×4 number pad for touch: digits, then "00" (cash) or "clear" (codes), 0 and backspace. */
export function Keypad(props: {
  onDigits: (digits: string) => void;
  onBackspace: () => void;
  onClear: () => void;
  extra: "00" | "clear";
  disabled?: boolean;
  testId?: string;
}) {
  const t = useTranslations("kiosk");
  const key =
    "flex min-h-14 items-center justify-center rounded-2xl bg-white text-2xl font-semibold shadow-[0_1px_2px_rgb(0_0_0/0.06)] ring-1 ring-black/[0.04] active:bg-brand-50 disabled:text-line";
  return (
    <div className="grid grid-cols-3 gap-2" data-testid={props.testId}>
      {["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((digit) => (
        <button key={digit} type="button" className={`tabular ${key}`} disabled={props.disabled} onClick={() => props.onDigits(digit)}>
          {digit}
        </button>
      ))}
      {props.extra === "00" ? (
        <button type="button" className={`tabular ${key}`} disabled={props.disabled} onClick={() => props.onDigits("00")}>
          00
        </button>
      ) : (
        <button type="button" className={`${key} text-base text-muted`} disabled={props.disabled} onClick={props.onClear}>
          {t("keypadClear")}
        </button>
      )}
      <button type="button" className={`tabular ${key}`} disabled={props.disabled} onClick={() => props.onDigits("0")}>
        0
      </button>
      <button
        type="button"
        aria-label={t("keypadBackspace")}
        className={`${key} text-muted`}
        disabled={props.disabled}
        onClick={props.onBackspace}
      >
        <svg viewBox="0 0 24 24" className="size-7" aria-hidden>
          <path d="M9 5h10a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-6-7z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
          <path d="M11 9.5l5 5M16 9.5l-5 5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  );
}
