"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";
import { CardApprovalLine, PayerShares } from "./payer-shares";
import type { CheckoutResult } from "./payment-panel";
import { PrintableReceipt, PrintReceiptButton } from "./receipt";
import { CartLines } from "./cart-lines";
import type { KioskCart } from "./types";

/** Paid: the pickup number to call out, what each tender paid, the change to hand back. */
export function PaymentResult(props: { result: CheckoutResult; cart: KioskCart; locale: Locale; onNewOrder: () => void }) {
  const { result, cart, locale } = props;
  const t = useTranslations("kiosk");
  const tRefusal = useTranslations("voucherRefusal");
  const tLoyalty = useTranslations("loyalty");
  const newOrder = useRef<HTMLButtonElement>(null);
  const cash = result.tenders.find((tender) => tender.kind === "cash");
  // The moment the payment was confirmed on this screen, printed on the receipt.
  const [paidAt] = useState(() => new Date());

  useEffect(() => newOrder.current?.focus(), []);

  const tenderLabel = (tender: CheckoutResult["tenders"][number]) => {
    if (tender.kind === "voucher") {
      return tender.meal && t.has(`meal.${tender.meal}`) ? t("tender.voucherMeal", { meal: t(`meal.${tender.meal}`) }) : t("tender.voucher");
    }
    return t(`tender.${tender.kind}`);
  };

  return (
    <div className="flex h-full min-h-0" data-testid="payment-result">
      <section className="flex flex-1 flex-col items-center justify-center px-8 text-center">
        <div className="flex size-20 items-center justify-center rounded-full bg-emerald-500 text-white shadow-[0_8px_24px_rgb(16_185_129/0.35)]">
          <svg viewBox="0 0 24 24" className="size-11" aria-hidden>
            <path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="currentColor" strokeWidth="2.8" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </div>
        <h2 className="mt-5 text-2xl font-bold">{t("paidTitle")}</h2>
        <p className="mt-6 text-lg font-semibold text-muted">{t("pickupNumber")}</p>
        <p className="tabular text-[9rem] leading-none font-extrabold tracking-tight text-brand-500" data-testid="pickup-number">
          {result.pickupNumber}
        </p>
        <PayerShares result={result} locale={locale} />
        {result.stamps.map((stamp) => (
          <p key={stamp.programId} data-testid="stamps-earned" className="mt-4 rounded-2xl bg-amber-50 px-5 py-2 text-base font-semibold text-amber-800">
            {tLoyalty("stampsEarned", {
              program: locale === "ko" ? stamp.nameKo : stamp.nameEn,
              earned: stamp.earned,
              balance: stamp.balance,
              perReward: stamp.stampsPerReward,
            })}
            {stamp.rewardCouponIds.length > 0 ? ` · ${tLoyalty("rewardIssued", { count: stamp.rewardCouponIds.length })}` : null}
          </p>
        ))}
        {cash ? (
          <div className="mt-8 rounded-3xl bg-emerald-50 px-10 py-5 ring-1 ring-emerald-200" data-testid="change-due">
            <p className="text-base font-semibold text-emerald-800">{t("changeToGive")}</p>
            <p className="tabular text-5xl font-extrabold text-emerald-700">{formatWon(result.changeDue, locale)}</p>
          </div>
        ) : null}
        <button
          ref={newOrder}
          type="button"
          onClick={props.onNewOrder}
          data-testid="new-order"
          className="mt-8 min-h-16 w-full max-w-sm rounded-2xl bg-ink text-xl font-bold text-white active:bg-black"
        >
          {t("newOrder")}
        </button>
      </section>

      <section aria-label={t("receipt")} className="flex w-[400px] shrink-0 flex-col border-l border-line bg-white xl:w-[440px]">
        <div className="flex min-h-16 items-center justify-between gap-2 px-6">
          <h3 className="text-xl font-bold">{t("receipt")}</h3>
          <PrintReceiptButton className="-mr-2" />
        </div>
        <CartLines
          cart={cart}
          locale={locale}
          discounts={result.discounts}
          className="min-h-0 flex-1 divide-y divide-line overflow-y-auto border-y border-line px-6"
        />
        <dl className="space-y-2 px-6 py-4" data-testid="tenders">
          {result.promotionDiscount + result.couponDiscount > 0n ? (
            <div className="flex items-baseline justify-between text-base" data-testid="result-discount">
              <dt className="text-muted">{tLoyalty("discountTotal")}</dt>
              <dd className="tabular font-semibold text-rose-600">−{formatWon(result.promotionDiscount + result.couponDiscount, locale)}</dd>
            </div>
          ) : null}
          <div className="flex items-baseline justify-between pb-1">
            <dt className="text-base font-bold">{t("total")}</dt>
            <dd className="tabular text-2xl font-extrabold" data-testid="result-total">
              {formatWon(result.total, locale)}
            </dd>
          </div>
          {result.tenders.map((tender, index) => (
            <div key={`${tender.kind}-${index}`} className="flex items-baseline justify-between text-base" data-testid="tender">
              <dt className="text-muted">{tenderLabel(tender)}</dt>
              <dd className="tabular font-semibold">{formatWon(tender.amount, locale)}</dd>
            </div>
          ))}
          <CardApprovalLine result={result} />
          {cash ? (
            <div className="flex items-baseline justify-between text-base">
              <dt className="text-muted">{t("cashTendered")}</dt>
              <dd className="tabular font-semibold">{formatWon(cash.amount + result.changeDue, locale)}</dd>
            </div>
          ) : null}
          {cash ? (
            <div className="flex items-baseline justify-between text-base">
              <dt className="text-muted">{t("changeDue")}</dt>
              <dd className="tabular font-semibold">{formatWon(result.changeDue, locale)}</dd>
            </div>
          ) : null}
          {result.walletBalance !== null && result.payers.length < 2 ? (
            <div className="flex items-baseline justify-between text-sm">
              <dt className="text-muted">{t("walletLeft")}</dt>
              <dd className="tabular text-muted">{formatWon(result.walletBalance, locale)}</dd>
            </div>
          ) : null}
          {result.voucherRefusal ? (
            <p className="rounded-xl bg-amber-50 px-3 py-2 text-sm font-medium text-amber-800" data-testid="voucher-refusal">
              {t("voucherNotUsed", { reason: tRefusal.has(result.voucherRefusal) ? tRefusal(result.voucherRefusal) : result.voucherRefusal })}
            </p>
          ) : null}
        </dl>
      </section>
      <PrintableReceipt result={result} cart={cart} locale={locale} paidAt={paidAt} />
    </div>
  );
}
