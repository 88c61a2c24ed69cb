"use client";

import { useFormatter, useLocale } from "next-intl";
import { toLocale, type Locale } from "@/i18n/locales";
import { formatWon } from "@/lib/money";

/** Receipts are read on the employee's calendar, which is Seoul's, wherever the phone is. */
export const SEOUL = "Asia/Seoul";

const dayKeyFormat = new Intl.DateTimeFormat("en-CA", { timeZone: SEOUL, year: "numeric", month: "2-digit", day: "2-digit" });

/** `YYYY-MM-DD` of an instant in Seoul, for grouping a month's purchases by day. */
export const seoulDayKey = (at: Date) => dayKeyFormat.format(at);

/** Names kept on a receipt in both languages, picked for the reader. */
export const nameIn = (named: { nameKo: string; nameEn: string }, locale: Locale) => (locale === "ko" ? named.nameKo : named.nameEn);

/** Money, times and days as the history screens show them, in the reader's language and Seoul's time. */
export function useHistoryFormat() {
  const format = useFormatter();
  const locale = toLocale(useLocale());
  return {
    locale,
    won: (amount: bigint) => formatWon(amount, locale),
    time: (at: Date) => format.dateTime(at, { timeZone: SEOUL, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
    day: (at: Date) => format.dateTime(at, { timeZone: SEOUL, month: "long", day: "numeric", weekday: "short" }),
    dateTime: (at: Date) =>
      format.dateTime(at, { timeZone: SEOUL, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
    month: (month: string) => format.dateTime(new Date(`${month}-15T12:00:00+09:00`), { timeZone: SEOUL, year: "numeric", month: "long" }),
  };
}
