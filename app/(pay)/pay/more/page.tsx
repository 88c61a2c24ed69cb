import { getLocale, getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { toLocale } from "@/i18n/locales";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { DevicesList, PaySignOutButton, SignOutEverywhere } from "@/components/pay/more-actions";
import { NotificationSetting } from "@/components/pay/notification-setting";

export default async function PayMore() {
  await requireFace("pay");
  const [api, t, tPay, locale] = await Promise.all([serverApi(), getTranslations("payApp"), getTranslations("pay"), getLocale()]);
  const me = await api.people.me();
  const department = toLocale(locale) === "ko" ? me.departmentKo : me.departmentEn;
  return (
    <>
      <header className="px-6 pt-5">
        <h1 className="text-[22px] font-bold tracking-tight">{t("moreTitle")}</h1>
      </header>
      <main className="flex-1 space-y-3 px-4 pt-4">
        <section className="flex items-center gap-4 rounded-[28px] bg-white px-6 py-5 shadow-sm" aria-label={tPay("profile")}>
          <div className="flex size-12 shrink-0 items-center justify-center rounded-full bg-brand-50 text-lg font-bold text-brand-600" aria-hidden>
            {me.name.slice(0, 1)}
          </div>
          <div className="min-w-0">
            <p className="text-[17px] font-bold">{me.name}</p>
            <p className="truncate text-[13px] text-muted">
              {department} · <span className="tabular">{me.employeeNo}</span>
            </p>
            <p className="truncate text-[13px] text-muted">{me.email}</p>
          </div>
        </section>

        <section className="rounded-[28px] bg-white px-5 py-4 shadow-sm" aria-labelledby="devices-title">
          <h2 id="devices-title" className="px-1 text-[15px] font-bold">{t("devicesTitle")}</h2>
          <p className="mt-0.5 px-1 text-xs text-muted">{t("devicesHint")}</p>
          <div className="mt-1">
            <DevicesList />
          </div>
        </section>

        <section className="rounded-[28px] bg-white py-2 pr-3 pl-6 shadow-sm">
          <NotificationSetting />
        </section>

        <section className="flex items-center justify-between rounded-[28px] bg-white py-2 pr-3 pl-6 shadow-sm">
          <h2 className="text-[15px] font-bold">{t("language")}</h2>
          <LanguageSwitch />
        </section>

        <section className="divide-y divide-line rounded-[28px] bg-white px-5 py-1 shadow-sm">
          <PaySignOutButton />
          <SignOutEverywhere />
        </section>
      </main>
    </>
  );
}
