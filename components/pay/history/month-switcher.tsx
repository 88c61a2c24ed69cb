"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";

const chevron = (d: string) => (
  <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
    <path d={d} />
  </svg>
);

/** ‹ November 2026 › — the month is in the URL, so back and forward and a shared link keep it. */
export function MonthSwitcher(props: { month: string; label: string; prevMonth: string; nextMonth: string | null }) {
  const t = useTranslations("payHistory");
  const button = "flex size-12 items-center justify-center rounded-full";
  return (
    <nav className="flex items-center justify-between rounded-[28px] bg-white px-2 py-1 shadow-sm" aria-label={props.label}>
      <Link href={`/pay/history?month=${props.prevMonth}`} replace scroll={false} aria-label={t("prevMonth")} data-testid="month-prev" className={`${button} text-ink active:bg-canvas`}>
        {chevron("M15 5l-7 7 7 7")}
      </Link>
      <h2 className="tabular text-[17px] font-bold" data-testid="history-month" data-month={props.month} aria-live="polite">
        {props.label}
      </h2>
      {props.nextMonth ? (
        <Link href={`/pay/history?month=${props.nextMonth}`} replace scroll={false} aria-label={t("nextMonth")} data-testid="month-next" className={`${button} text-ink active:bg-canvas`}>
          {chevron("M9 5l7 7-7 7")}
        </Link>
      ) : (
        <span aria-disabled="true" aria-label={t("nextMonth")} className={`${button} text-[#d1d6db]`}>
          {chevron("M9 5l7 7-7 7")}
        </span>
      )}
    </nav>
  );
}
