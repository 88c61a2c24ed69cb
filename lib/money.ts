import type { Locale } from "@/i18n/locales";

/** Won as Koreans write it (4,500원) or with the currency sign in English (₩4,500). */
export function formatWon(amount: bigint | number, locale: Locale): string {
  const value = typeof amount === "bigint" ? amount : BigInt(amount);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = negative ? "-" : "";
  return locale === "ko" ? `${sign}${digits}원` : `${sign}₩${digits}`;
}
