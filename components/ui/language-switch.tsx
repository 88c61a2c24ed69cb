import { getLocale, getTranslations } from "next-intl/server";
import { setLocale } from "@/server/actions/locale";
import { locales } from "@/i18n/locales";

/** Korean / English toggle; a plain form so it works before any JavaScript loads. */
export async function LanguageSwitch({ tone = "light" }: { tone?: "light" | "dark" }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("common")]);
  const idle = tone === "dark" ? "text-white/70 hover:text-white" : "text-muted hover:text-ink";
  const active = tone === "dark" ? "bg-white/15 text-white" : "bg-white text-ink shadow-sm";
  return (
    <form action={setLocale} aria-label={t("language")} className="flex gap-1 rounded-xl p-1">
      {locales.map((option) => (
        <button
          key={option}
          name="locale"
          value={option}
          aria-pressed={option === locale}
          className={`min-h-12 rounded-lg px-3 text-sm font-medium ${option === locale ? active : idle}`}
        >
          {option === "ko" ? t("korean") : t("english")}
        </button>
      ))}
    </form>
  );
}
