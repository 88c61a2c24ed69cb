"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/provider";
import type { Purchase, PurchaseTender } from "@/server/domain/history/purchases";
import { useMyOrderEvents } from "../use-my-order-events";
import { nameIn, useHistoryFormat } from "./format";
import { PurchaseStatusBadge } from "./status-badge";

const divider = "border-t border-dashed border-[#d1d6db]";

/** The torn bottom edge of a paper slip. */
const tornEdge = {
  background:
    "linear-gradient(135deg, #fff 50%, transparent 50%) 0 0 / 14px 14px repeat-x, linear-gradient(225deg, #fff 50%, transparent 50%) 0 0 / 14px 14px repeat-x",
};

/**
 * A receipt as the counter would print it, with what only the app knows: which of the
 * employee's tenders paid what, a group payment's share, and every refund since. Refreshed
 * live from the employee's order stream (status changes, refunds at the kiosk).
 */
export function ReceiptView({ initial }: { initial: Purchase }) {
  const t = useTranslations("payHistory");
  const format = useHistoryFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: purchase } = useQuery(trpc.history.receipt.queryOptions({ orderId: initial.id }, { initialData: initial }));
  // The month's list and voucher use change with this order too: they refetch when next shown.
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.history.pathKey() });
  useMyOrderEvents(
    (event) => {
      if (event.orderId === initial.id) refresh();
    },
    { onConnected: refresh },
  );

  const { locale } = format;
  const group = purchase.payerCount > 1;
  const tenderLabel = (tender: PurchaseTender) =>
    tender.kind === "voucher" && tender.meal ? t("tender.voucherMeal", { meal: t(`meal.${tender.meal}`) }) : t(`tender.${tender.kind}`);

  return (
    <main className="flex-1 px-4 pt-3 pb-4 break-keep">
      <article className="rounded-t-[28px] bg-white px-6 pt-6 pb-4 shadow-sm" data-testid="receipt" data-order-id={purchase.id}>
        <header className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="text-[12px] font-semibold tracking-wide text-muted">{t("receiptTitle")}</p>
            <h1 className="truncate text-[19px] font-bold" data-testid="receipt-store">
              {nameIn({ nameKo: purchase.storeKo, nameEn: purchase.storeEn }, locale)}
            </h1>
          </div>
          <PurchaseStatusBadge status={purchase.status} className="mt-1 text-[12px]" />
        </header>

        <div className="mt-4 rounded-2xl bg-canvas py-3 text-center">
          <p className="text-[12px] font-semibold text-muted">{t("orderNumber")}</p>
          <p className="tabular text-[40px] leading-tight font-extrabold tracking-tight" data-testid="receipt-pickup">
            {purchase.pickupNumber}
          </p>
        </div>
        <p className="tabular mt-3 flex justify-between text-[13px] text-muted">
          <span>{purchase.paidAt ? t("paidAt") : t("orderedAt")}</span>
          <span data-testid="receipt-time">{format.dateTime(purchase.paidAt ?? purchase.createdAt)}</span>
        </p>

        <h2 className="sr-only">{t("items")}</h2>
        <ul className={`mt-3 ${divider} pt-2`}>
          {purchase.lines.map((line) => (
            <li key={line.id} className="py-2" data-testid="receipt-line">
              <p className="flex justify-between gap-3 text-[15px]">
                <span className="min-w-0 font-semibold">
                  <span data-testid="receipt-line-name">{nameIn(line, locale)}</span>
                  <span className="tabular font-normal text-muted"> ×{line.quantity}</span>
                </span>
                <span className="tabular shrink-0 font-semibold">{format.won(line.lineTotal)}</span>
              </p>
              {line.options.length > 0 ? (
                <p className="mt-0.5 text-[13px] text-muted" data-testid="receipt-line-options">
                  {line.options.map((option) => nameIn(option, locale)).join(" · ")}
                </p>
              ) : null}
              {line.discounts.map((discount, index) => (
                <p key={index} className="tabular mt-0.5 flex justify-between text-[13px] font-semibold text-rose-600" data-testid="receipt-line-discount">
                  <span>
                    {t(discount.kind === "promotion" ? "linePromotion" : "lineCoupon", { name: nameIn(discount, locale) })}
                  </span>
                  <span>{format.won(-discount.amount)}</span>
                </p>
              ))}
              {line.quantity > 1 ? (
                <p className="tabular text-[12px] text-muted">
                  {format.won(line.unitPrice)} × {line.quantity}
                </p>
              ) : null}
              {line.refundedQuantity > 0 ? (
                <p className="mt-0.5 text-[12px] font-bold text-red-600" data-testid="receipt-line-refunded">
                  {t("lineRefunded", { quantity: line.refundedQuantity })}
                </p>
              ) : null}
            </li>
          ))}
        </ul>

        <dl className={`tabular mt-2 space-y-1 ${divider} pt-3 text-[14px]`}>
          <div className="flex justify-between text-muted">
            <dt>{t("subtotal")}</dt>
            <dd data-testid="receipt-subtotal">{format.won(purchase.subtotal)}</dd>
          </div>
          {purchase.discount > 0n ? (
            <div className="flex justify-between text-muted">
              <dt>{t("discount")}</dt>
              <dd data-testid="receipt-discount">{format.won(-purchase.discount)}</dd>
            </div>
          ) : null}
          <div className="flex items-baseline justify-between pt-1 text-[17px] font-bold">
            <dt>{t("total")}</dt>
            <dd data-testid="receipt-total">{format.won(purchase.total)}</dd>
          </div>
        </dl>

        <section className={`mt-3 ${divider} pt-3`} aria-labelledby="receipt-paid-with">
          <h2 id="receipt-paid-with" className="text-[13px] font-bold text-muted">
            {group ? t("groupTitle", { count: purchase.payerCount }) : t("paidWith")}
          </h2>
          {group ? <p className="mt-0.5 text-[12px] text-muted">{t("groupHint")}</p> : null}
          <ul className="mt-2 space-y-1.5">
            {purchase.tenders.map((tender, index) => (
              <li key={`${tender.kind}-${index}`} className="tabular text-[14px]" data-testid="receipt-tender" data-kind={tender.kind}>
                <p className="flex justify-between gap-3">
                  <span>{tenderLabel(tender)}</span>
                  <span className="font-semibold">{format.won(tender.amount)}</span>
                </p>
                {tender.approvalNumber ? <p className="text-[12px] text-muted">{t("approvalNumber", { number: tender.approvalNumber })}</p> : null}
                {tender.cashTendered !== null ? (
                  <p className="text-[12px] text-muted">{t("cashTendered", { amount: format.won(tender.cashTendered) })}</p>
                ) : null}
                {tender.refundedAmount > 0n ? (
                  <p className="text-right text-[12px] font-semibold text-red-600" data-testid="receipt-tender-refunded">
                    {t("tenderRefunded", { amount: format.won(tender.refundedAmount) })}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
          {group ? (
            <dl className="tabular mt-2 space-y-1 rounded-2xl bg-canvas px-4 py-3 text-[14px]">
              <div className="flex justify-between font-bold">
                <dt>{t("myPaid")}</dt>
                <dd data-testid="receipt-my-paid">{format.won(purchase.myPaid)}</dd>
              </div>
              <div className="flex justify-between text-muted">
                <dt>{t("othersPaid")}</dt>
                <dd data-testid="receipt-others-paid">{format.won(purchase.othersPaid)}</dd>
              </div>
            </dl>
          ) : null}
        </section>

        {purchase.refunds.length > 0 ? (
          <section className={`mt-3 ${divider} pt-3`} aria-labelledby="receipt-refunds" data-testid="receipt-refunds">
            <h2 id="receipt-refunds" className="text-[13px] font-bold text-red-600">
              {t("refundsTitle")}
            </h2>
            <ul className="mt-2 space-y-3">
              {purchase.refunds.map((refund) => (
                <li key={refund.id} className="rounded-2xl bg-red-50/60 px-4 py-3" data-testid="receipt-refund">
                  <p className="tabular flex justify-between text-[14px] font-bold">
                    <span className="font-semibold text-muted" data-testid="receipt-refund-time">
                      {format.dateTime(refund.createdAt)}
                    </span>
                    <span className="text-red-600" data-testid="receipt-refund-amount">
                      {format.won(-refund.amount)}
                    </span>
                  </p>
                  <ul className="mt-1 text-[13px]">
                    {refund.lines.map((line) => (
                      <li key={line.lineId} data-testid="receipt-refund-line">
                        {t("refundLine", { name: nameIn(line, locale), quantity: line.quantity })}
                      </li>
                    ))}
                  </ul>
                  <p className="mt-0.5 text-[12px] text-muted">{refund.reason}</p>
                  {refund.tenders ? (
                    <ul className="tabular mt-1.5 space-y-0.5 text-[12.5px]">
                      {refund.tenders.map((entry, index) => (
                        <li key={`${entry.kind}-${index}`} className="flex justify-between gap-3" data-testid="receipt-refund-tender">
                          <span>{t.has(`refundTo.${entry.to}`) ? t(`refundTo.${entry.to}`) : entry.to}</span>
                          <span className="font-semibold">{format.won(entry.amount)}</span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="mt-1 text-[12px] text-muted">{t("refundGroupHint")}</p>
                  )}
                </li>
              ))}
            </ul>
            <p className="tabular mt-3 flex justify-between text-[15px] font-bold">
              <span>{t("refundedToMe")}</span>
              <span data-testid="receipt-refunded-to-me">{format.won(purchase.myRefunded)}</span>
            </p>
          </section>
        ) : null}
      </article>
      <div aria-hidden className="h-3.5" style={tornEdge} />
    </main>
  );
}
