"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { Purchase } from "@/server/domain/history/purchases";
import { nameIn, useHistoryFormat } from "./format";
import { PurchaseStatusBadge } from "./status-badge";

/** "Americano and 2 more", or "Americano ×2" for a single line. */
export function useItemsSummary() {
  const t = useTranslations("payHistory");
  const { locale } = useHistoryFormat();
  return (purchase: Purchase) => {
    const [first] = purchase.lines;
    if (!first) return "";
    const name = nameIn(first, locale);
    if (purchase.lines.length > 1) return t("itemsSummary", { first: name, others: purchase.lines.length - 1 });
    return first.quantity > 1 ? `${name} ×${first.quantity}` : name;
  };
}

/** One purchase in the month's list; the whole row opens its receipt. */
export function PurchaseRow({ purchase, fresh }: { purchase: Purchase; fresh: boolean }) {
  const t = useTranslations("payHistory");
  const format = useHistoryFormat();
  const summary = useItemsSummary()(purchase);
  const store = nameIn({ nameKo: purchase.storeKo, nameEn: purchase.storeEn }, format.locale);
  const time = format.time(purchase.createdAt);
  const group = purchase.payerCount > 1;
  const refunded = purchase.status === "refunded";
  return (
    <Link
      href={`/pay/history/${purchase.id}`}
      data-testid="purchase-row"
      data-order-id={purchase.id}
      data-fresh={fresh ? "" : undefined}
      aria-label={t("openReceipt", { store, time })}
      className={`flex min-h-[72px] items-center gap-3 rounded-2xl px-4 py-3 transition-colors active:bg-canvas ${fresh ? "bg-brand-50/70" : ""}`}
    >
      <div className="min-w-0 flex-1">
        <p className="truncate text-[15px] font-bold" data-testid="purchase-items">
          {summary}
        </p>
        <p className="mt-0.5 flex items-center gap-1.5 text-[12.5px] text-muted">
          <span className="truncate" data-testid="purchase-store">
            {store}
          </span>
          <span aria-hidden>·</span>
          <span className="tabular shrink-0" data-testid="purchase-time">
            {time}
          </span>
          <span aria-hidden>·</span>
          <span className="tabular shrink-0" data-testid="purchase-pickup">
            {t("pickupNumber", { number: purchase.pickupNumber })}
          </span>
        </p>
        {group ? (
          <span className="mt-1 inline-flex rounded-full bg-indigo-50 px-2 py-0.5 text-[11px] font-bold text-indigo-600" data-testid="purchase-group">
            {t("groupBadge", { count: purchase.payerCount })}
          </span>
        ) : null}
      </div>
      <div className="flex shrink-0 flex-col items-end gap-1">
        <span className={`tabular text-[15px] font-bold ${refunded ? "text-muted line-through" : ""}`} data-testid="purchase-total">
          {format.won(purchase.myPaid)}
        </span>
        {purchase.myRefunded > 0n && !refunded ? (
          <span className="tabular text-[11px] font-semibold text-red-600" data-testid="purchase-refunded">
            {t("rowRefunded", { amount: format.won(purchase.myRefunded) })}
          </span>
        ) : null}
        {group ? (
          <span className="tabular text-[11px] text-muted" data-testid="purchase-order-total">
            {t("myShareOf", { amount: format.won(purchase.total) })}
          </span>
        ) : null}
        <PurchaseStatusBadge status={purchase.status} />
      </div>
    </Link>
  );
}
