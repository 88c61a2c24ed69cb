"use client";

import { useEffect, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { OrderStatus } from "@/db/schema/orders";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";
import { useMyOrderEvents } from "@/components/pay/use-my-order-events";
import { PushOptIn } from "./push-opt-in";
import { nameIn } from "./types";

export type OrderView = {
  id: string;
  status: OrderStatus;
  pickupNumber: number;
  total: bigint;
  paidAt: Date | null;
  store: { code: string; nameKo: string; nameEn: string };
  lines: { nameKo: string; nameEn: string; quantity: number; lineTotal: bigint; netTotal: bigint; options: { nameKo: string; nameEn: string }[] }[];
  tenders: { kind: string; amount: bigint }[];
};

const STEPS = ["paid", "preparing", "ready", "picked_up"] as const;

/**
 * The order's pickup number and where it is, moving live as the barista taps: the
 * employee's own event stream says what changed, and a refresh brings the page along.
 */
export function OrderStatusView(props: { order: OrderView; locale: Locale; justPlaced: boolean }) {
  const { order, locale } = props;
  const t = useTranslations("orderAhead");
  const router = useRouter();
  const [liveStatus, setLiveStatus] = useState<OrderStatus | null>(null);
  useEffect(() => setLiveStatus(null), [order.status]);
  useMyOrderEvents(
    (event) => {
      if (event.orderId !== order.id) return;
      setLiveStatus(event.status);
      router.refresh();
    },
    // Whatever happened while the stream was away is caught up on by reloading the order.
    { onConnected: () => router.refresh() },
  );

  const status = liveStatus ?? order.status;
  const stepIndex = STEPS.indexOf(status as (typeof STEPS)[number]);
  const offPath = stepIndex < 0;
  const headline = offPath ? t(`statusOther.${status === "canceled" ? "canceled" : "refunded"}`) : t(`statusHeadline.${STEPS[stepIndex]}`);

  return (
    <>
      <header className="flex items-center gap-1 px-2 pt-3">
        <Link href="/pay/order" aria-label={t("backToStores")} className="flex size-12 items-center justify-center rounded-full active:bg-white">
          <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
            <path d="M15 5l-7 7 7 7" />
          </svg>
        </Link>
        <h1 className="text-lg font-bold">{t("statusTitle")}</h1>
      </header>
      <main className="flex-1 space-y-3 px-4 pt-2 pb-6">
        <section
          className={`rounded-3xl p-6 text-center shadow-sm ${status === "ready" ? "bg-brand-500 text-white" : "bg-white"}`}
          data-testid="order-status"
          data-status={status}
          aria-live="polite"
        >
          <p className={`text-sm font-medium ${status === "ready" ? "text-white/80" : "text-muted"}`}>
            {t("pickupAt", { store: nameIn(order.store, locale) })}
          </p>
          <p className="mt-1 text-sm font-semibold">{t("pickupNumber")}</p>
          <p className="tabular text-6xl leading-tight font-extrabold tracking-tight" data-testid="pickup-number">
            {order.pickupNumber}
          </p>
          <p className="mt-2 text-lg font-bold" data-testid="status-headline">
            {headline}
          </p>
          {!offPath ? (
            <ol className="mt-5 grid grid-cols-4 gap-1.5" aria-label={t("progress")}>
              {STEPS.map((step, index) => {
                const done = index <= stepIndex;
                return (
                  <li key={step} aria-current={index === stepIndex ? "step" : undefined} className="flex flex-col items-center gap-1.5">
                    <span
                      className={`h-1.5 w-full rounded-full ${
                        done ? (status === "ready" ? "bg-white" : "bg-brand-500") : status === "ready" ? "bg-white/30" : "bg-line"
                      }`}
                    />
                    <span
                      className={`text-[11px] font-semibold ${
                        status === "ready" ? (done ? "text-white" : "text-white/60") : done ? "text-ink" : "text-muted"
                      }`}
                    >
                      {t(`step.${step}`)}
                    </span>
                  </li>
                );
              })}
            </ol>
          ) : null}
        </section>

        {status === "paid" || status === "preparing" ? <PushOptIn prompt={props.justPlaced} /> : null}

        <section className="rounded-3xl bg-white p-5 shadow-sm">
          <h2 className="text-base font-bold">{t("orderedItems")}</h2>
          <ul className="mt-3 space-y-3">
            {order.lines.map((line, index) => (
              <li key={index} className="flex items-start justify-between gap-3 text-[15px]">
                <span className="min-w-0">
                  <span className="block font-medium break-keep">
                    {nameIn(line, locale)} <span className="text-muted">× {line.quantity}</span>
                  </span>
                  {line.options.length > 0 ? <span className="block text-sm text-muted">{line.options.map((option) => nameIn(option, locale)).join(" · ")}</span> : null}
                </span>
                {/* What the line cost after its promotion or coupon, with the list price beside it when they differ. */}
                <span className="tabular shrink-0 text-right font-medium" data-testid="order-line-net">
                  {line.netTotal !== line.lineTotal ? (
                    <s className="mr-1.5 text-sm font-normal text-muted" data-testid="order-line-list">{formatWon(line.lineTotal, locale)}</s>
                  ) : null}
                  {formatWon(line.netTotal, locale)}
                </span>
              </li>
            ))}
          </ul>
          <dl className="mt-4 space-y-2 border-t border-line pt-4 text-[15px]">
            {order.tenders.map((tender, index) => (
              <div key={index} className="flex justify-between text-muted">
                <dt>{t(`tender.${tender.kind === "voucher" ? "voucher" : tender.kind === "wallet" ? "wallet" : "other"}`)}</dt>
                <dd className="tabular">{formatWon(tender.amount, locale)}</dd>
              </div>
            ))}
            <div className="flex justify-between font-bold">
              <dt>{t("orderTotal")}</dt>
              <dd className="tabular">{formatWon(order.total, locale)}</dd>
            </div>
          </dl>
        </section>
      </main>
    </>
  );
}
