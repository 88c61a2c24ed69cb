export const locales = ["ko", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "ko";
export const LOCALE_COOKIE = "canteen_locale";

export function toLocale(value: string | undefined | null): Locale {
  return locales.find((locale) => locale === value) ?? defaultLocale;
}
