"use client";

import { useTranslations } from "next-intl";

const tone: Record<string, string> = {
  partially_refunded: "bg-amber-100 text-amber-800",
  refunded: "bg-red-50 text-red-700",
};

/** An order's status as a small coloured label; refunded ones stand out from the rest. */
export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const t = useTranslations("refund.status");
  return (
    <span data-testid={testId} className={`rounded-md px-1.5 py-0.5 text-xs font-bold ${tone[status] ?? "bg-canvas text-muted"}`}>
      {t.has(status) ? t(status) : status}
    </span>
  );
}
