import { getLocale, getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { toLocale } from "@/i18n/locales";
import { Logo } from "@/components/ui/logo";
import { HomeSummary } from "@/components/pay/home-summary";
import { toSnapshot } from "@/components/pay/device-store";
import { StampCard } from "@/components/pay/loyalty/stamp-card";

export default async function PayHome() {
  const user = await requireFace("pay");
  const [api, t, tPay, tLoyalty, locale] = await Promise.all([
    serverApi(),
    getTranslations("payApp"),
    getTranslations("pay"),
    getTranslations("loyalty"),
    getLocale(),
  ]);
  const [me, home, stamps, coupons] = await Promise.all([api.people.me(), api.payApp.home(), api.loyalty.myStamps(), api.loyalty.myCoupons()]);
  // Home shows the cards someone has started (or owes on); the coupons page lists every program.
  const cards = stamps.cards.filter((card) => card.balance !== 0);
  const department = toLocale(locale) === "ko" ? me.departmentKo : me.departmentEn;
  return (
    <>
      <header className="flex items-center justify-between px-5 pt-4">
        <Logo className="text-base" />
      </header>
      <main className="flex-1 space-y-3 px-4 pt-4">
        <div className="px-2">
          <p className="text-sm text-muted">{department}</p>
          <h1 data-testid="pay-greeting" className="mt-0.5 text-[22px] font-bold tracking-tight">
            {tPay("greeting", { name: me.name })}
          </h1>
        </div>
        <a
          href="/pay/code"
          data-testid="show-pay-code"
          className="flex min-h-16 items-center justify-between rounded-[28px] bg-brand-500 px-6 text-white shadow-[0_8px_20px_rgba(49,130,246,0.3)] active:bg-brand-600"
        >
          <span>
            <span className="block text-[17px] font-bold">{t("showPayCode")}</span>
            <span className="block text-[13px] text-white/80">{t("showPayCodeHint")}</span>
          </span>
          <svg viewBox="0 0 24 24" className="size-8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden>
            <path d="M4 7V5a1 1 0 0 1 1-1h2M17 4h2a1 1 0 0 1 1 1v2M20 17v2a1 1 0 0 1-1 1h-2M7 20H5a1 1 0 0 1-1-1v-2M8 8v8M11 8v8M14 8v8M16.5 8v8" />
          </svg>
        </a>
        <HomeSummary userId={user.id} initial={toSnapshot(home)} />
        {cards.length > 0 || coupons.usable.length > 0 ? (
          <a href="/pay/coupons" data-testid="home-loyalty" className="block space-y-3 rounded-[28px] bg-white px-6 py-5 shadow-sm active:bg-canvas">
            {cards.map((card) => (
              <StampCard
                key={card.programId}
                card={card}
                locale={toLocale(locale)}
                labels={{
                  progress: tLoyalty("stampProgress", { balance: card.balance, perReward: card.stampsPerReward }),
                  owed: tLoyalty("stampsOwed", { count: -card.balance }),
                }}
              />
            ))}
            <p className="flex items-center justify-between text-[15px] font-semibold">
              <span>{tLoyalty("myCoupons")}</span>
              <span className="tabular text-brand-600" data-testid="home-coupon-count">
                {tLoyalty("couponCount", { count: coupons.usable.length })}
              </span>
            </p>
          </a>
        ) : null}
      </main>
    </>
  );
}
