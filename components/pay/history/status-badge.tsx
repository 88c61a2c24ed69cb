"use client";

import { useTranslations } from "next-intl";
import type { OrderStatus } from "@/db/schema/orders";

const tone: Record<OrderStatus, string> = {
  pending_payment: "bg-canvas text-muted",
  paid: "bg-brand-50 text-brand-600",
  preparing: "bg-amber-50 text-amber-700",
  ready: "bg-emerald-500 text-white",
  picked_up: "bg-canvas text-muted",
  canceled: "bg-canvas text-muted",
  refunded: "bg-red-50 text-red-600",
  partially_refunded: "bg-orange-50 text-orange-700",
};

/** An order's status at a glance; "ready" is the one that should make you get up. */
export function PurchaseStatusBadge({ status, className }: { status: OrderStatus; className?: string }) {
  const t = useTranslations("payHistory.status");
  return (
    <span
      data-testid="purchase-status"
      data-status={status}
      className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-[11px] font-bold ${tone[status]} ${className ?? ""}`}
    >
      {t(status)}
    </span>
  );
}
