"use client";

import { useTranslations } from "next-intl";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";

export type OfferedCoupon = { id: string; nameKo: string; nameEn: string; maxValue: bigint; expiresAt: Date };

/** After a scan, when the payer has coupons that fit the cart: one tap uses one, or pay without. */
export function CouponOffer(props: {
  name: string;
  coupons: readonly OfferedCoupon[];
  locale: Locale;
  disabled: boolean;
  onUse: (couponId: string) => void;
  onSkip: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("loyalty");
  const { locale } = props;
  return (
    <div data-testid="coupon-offer" className="flex min-h-0 flex-1 flex-col rounded-3xl bg-white p-6">
      <h2 className="text-2xl font-bold">{t("offerTitle", { name: props.name })}</h2>
      <p className="mt-1 text-base text-muted">{t("offerHint")}</p>
      <ul className="mt-5 grid min-h-0 flex-1 auto-rows-min grid-cols-2 gap-3 overflow-y-auto">
        {props.coupons.map((coupon) => (
          <li key={coupon.id}>
            <button
              type="button"
              disabled={props.disabled}
              onClick={() => props.onUse(coupon.id)}
              data-testid="coupon-option"
              className="flex min-h-24 w-full flex-col items-start justify-center rounded-2xl border-2 border-brand-500 bg-brand-50 px-5 py-3 text-left active:bg-brand-100 disabled:opacity-50"
            >
              <span className="text-lg font-bold">{locale === "ko" ? coupon.nameKo : coupon.nameEn}</span>
              <span className="text-sm text-muted">
                {t("upTo", { amount: formatWon(coupon.maxValue, locale) })} ·{" "}
                {t("expiresOn", { date: coupon.expiresAt.toLocaleDateString(locale === "ko" ? "ko-KR" : "en-US") })}
              </span>
              <span className="mt-1 text-base font-bold text-brand-600">{t("useCoupon")}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="mt-4 grid grid-cols-2 gap-3">
        <button
          type="button"
          onClick={props.onCancel}
          disabled={props.disabled}
          className="min-h-14 rounded-2xl text-lg font-semibold text-muted ring-1 ring-line active:bg-canvas"
        >
          {t("offerCancel")}
        </button>
        <button
          type="button"
          onClick={props.onSkip}
          disabled={props.disabled}
          data-testid="coupon-skip"
          className="min-h-14 rounded-2xl bg-ink text-lg font-bold text-white active:bg-black disabled:opacity-50"
        >
          {t("payWithoutCoupon")}
        </button>
      </div>
    </div>
  );
}
