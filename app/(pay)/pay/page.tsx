import { getLocale, getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { toLocale } from "@/i18n/locales";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { Logo } from "@/components/ui/logo";

export default async function PayHome() {
  await requireFace("pay");
  const [api, t, locale] = await Promise.all([serverApi(), getTranslations("pay"), getLocale()]);
  const me = await api.people.me();
  const department = toLocale(locale) === "ko" ? me.departmentKo : me.departmentEn;
  return (
    <>
      <header className="flex items-center justify-between px-5 pt-5 pb-2">
        <Logo className="text-lg" />
        <LanguageSwitch />
      </header>
      <main className="flex-1 space-y-4 px-5 pt-4 pb-8">
        <section className="rounded-3xl bg-brand-500 p-6 text-white shadow-sm">
          <p className="text-sm text-white/80">{department}</p>
          <h1 data-testid="pay-greeting" className="mt-1 text-2xl font-bold">
            {t("greeting", { name: me.name })}
          </h1>
        </section>
        <section className="rounded-3xl bg-white p-6 shadow-sm">
          <h2 className="text-base font-bold">{t("profile")}</h2>
          <dl className="mt-4 space-y-3 text-sm">
            <div className="flex justify-between">
              <dt className="text-muted">{t("department")}</dt>
              <dd className="font-medium">{department}</dd>
            </div>
            <div className="flex justify-between">
              <dt className="text-muted">{t("employeeNo")}</dt>
              <dd className="tabular font-medium">{me.employeeNo}</dd>
            </div>
            <div className="flex justify-between">
              <dt className="text-muted">{t("email")}</dt>
              <dd className="font-medium">{me.email}</dd>
            </div>
          </dl>
        </section>
        <SignOutButton className="w-full bg-white text-muted shadow-sm" />
      </main>
    </>
  );
}
