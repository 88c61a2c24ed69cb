import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { toLocale } from "@/i18n/locales";
import { formatWon } from "@/lib/money";
import { StampCard } from "@/components/pay/loyalty/stamp-card";

/** Stamp cards, coupons with their expiry, and the stamp history; server-rendered, no client code. */
export default async function PayCoupons() {
  await requireFace("pay");
  const [api, t, format, rawLocale] = await Promise.all([serverApi(), getTranslations("loyalty"), getFormatter(), getLocale()]);
  const locale = toLocale(rawLocale);
  const [stamps, coupons] = await Promise.all([api.loyalty.myStamps(), api.loyalty.myCoupons()]);
  const day = (date: Date) => format.dateTime(date, { year: "numeric", month: "short", day: "numeric" });
  const nameOf = (row: { nameKo: string; nameEn: string }) => (locale === "ko" ? row.nameKo : row.nameEn);
  const programName = (programId: string) => {
    const card = stamps.cards.find((entry) => entry.programId === programId);
    return card ? nameOf(card) : "";
  };
  return (
    <>
      <header className="px-6 pt-5">
        <a href="/pay" className="-ml-2 inline-flex min-h-11 items-center px-2 text-[15px] font-semibold text-muted">
          ← {t("back")}
        </a>
        <h1 className="text-[22px] font-bold tracking-tight">{t("couponsTitle")}</h1>
      </header>
      <main className="flex-1 space-y-3 px-4 pt-4">
        {stamps.cards.length > 0 ? (
          <section className="space-y-4 rounded-[28px] bg-white px-6 py-5 shadow-sm" aria-label={t("stampsTitle")}>
            {stamps.cards.map((card) => (
              <StampCard
                key={card.programId}
                card={card}
                locale={locale}
                labels={{
                  progress: t("stampProgress", { balance: card.balance, perReward: card.stampsPerReward }),
                  owed: t("stampsOwed", { count: -card.balance }),
                }}
              />
            ))}
          </section>
        ) : null}

        <section className="rounded-[28px] bg-white px-5 py-4 shadow-sm" aria-labelledby="coupons-usable">
          <h2 id="coupons-usable" className="px-1 text-[15px] font-bold">
            {t("usableCoupons")}
          </h2>
          {coupons.usable.length === 0 ? (
            <p className="px-1 py-3 text-[14px] text-muted">{t("noCoupons")}</p>
          ) : (
            <ul className="mt-2 space-y-2">
              {coupons.usable.map((coupon) => (
                <li key={coupon.id} data-testid="coupon" className="rounded-2xl bg-brand-50 px-4 py-3 ring-1 ring-brand-100">
                  <p className="text-[16px] font-bold" data-testid="coupon-name">
                    {nameOf(coupon)}
                  </p>
                  <p className="text-[13px] text-muted">
                    {t("upTo", { amount: formatWon(coupon.maxValue, locale) })} ·{" "}
                    <span data-testid="coupon-expiry">{t("expiresOn", { date: day(coupon.expiresAt) })}</span>
                  </p>
                  <p className="mt-0.5 text-[12px] text-muted">{t("howToUse")}</p>
                </li>
              ))}
            </ul>
          )}
        </section>

        {coupons.past.length > 0 ? (
          <section className="rounded-[28px] bg-white px-5 py-4 shadow-sm" aria-labelledby="coupons-past">
            <h2 id="coupons-past" className="px-1 text-[15px] font-bold">
              {t("pastCoupons")}
            </h2>
            <ul className="mt-2 divide-y divide-line">
              {coupons.past.map((coupon) => (
                <li key={coupon.id} className="flex justify-between px-1 py-2 text-[14px] text-muted" data-testid="coupon-past">
                  <span>{nameOf(coupon)}</span>
                  <span>{coupon.status === "used" ? t("couponUsed") : t("couponExpired")}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {stamps.history.length > 0 ? (
          <section className="rounded-[28px] bg-white px-5 py-4 shadow-sm" aria-labelledby="stamp-history">
            <h2 id="stamp-history" className="px-1 text-[15px] font-bold">
              {t("stampHistory")}
            </h2>
            <ul className="mt-2 divide-y divide-line">
              {stamps.history.map((event) => (
                <li key={event.id} className="flex items-baseline justify-between gap-3 px-1 py-2 text-[14px]" data-testid="stamp-event">
                  <span className="min-w-0">
                    <span className="font-semibold">{t(`event.${event.kind}`)}</span>
                    <span className="block truncate text-[12px] text-muted">
                      {programName(event.programId)} · {day(event.createdAt)}
                    </span>
                  </span>
                  <span className={`tabular shrink-0 font-bold ${event.stamps < 0 ? "text-red-600" : "text-emerald-600"}`}>
                    {event.stamps > 0 ? `+${event.stamps}` : event.stamps}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </main>
    </>
  );
}
