"use client";

import { useTranslations } from "next-intl";
import type { VoucherUse } from "@/server/domain/history/voucher-use";
import { useHistoryFormat } from "./format";

const mealDot = { breakfast: "bg-amber-400", lunch: "bg-brand-500", dinner: "bg-indigo-500" } as const;

/** What the company's meal vouchers paid this month: the total, on how many days, and per meal. */
export function VoucherSummary({ use }: { use: VoucherUse }) {
  const t = useTranslations("payHistory");
  const format = useHistoryFormat();
  return (
    <section className="rounded-[28px] bg-white px-6 py-5 shadow-sm" data-testid="voucher-summary" aria-labelledby="voucher-summary-title">
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="voucher-summary-title" className="text-[15px] font-bold">
          {t("voucherTitle")}
        </h2>
        {use.days > 0 ? (
          <span className="text-[13px] text-muted" data-testid="voucher-days">
            {t("voucherDays", { days: use.days })}
          </span>
        ) : null}
      </div>
      {use.total > 0n ? (
        <>
          <p className="tabular mt-1 text-[26px] font-bold tracking-tight" data-testid="voucher-total">
            {format.won(use.total)}
          </p>
          <dl className="mt-3 grid grid-cols-3 gap-2">
            {use.meals.map((entry) => (
              <div key={entry.meal} className="rounded-2xl bg-canvas px-3 py-2.5" data-testid="voucher-meal" data-meal={entry.meal}>
                <dt className="flex items-center gap-1.5 text-[12px] font-semibold text-muted">
                  <span className={`size-1.5 rounded-full ${mealDot[entry.meal]}`} aria-hidden />
                  {t(`meal.${entry.meal}`)}
                </dt>
                <dd className={`tabular mt-0.5 text-[14px] font-bold ${entry.amount === 0n ? "text-[#b0b8c1]" : ""}`}>{format.won(entry.amount)}</dd>
                <dd className="text-[11px] text-muted">{t("mealDays", { days: entry.days })}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <p className="mt-1 text-[13px] text-muted" data-testid="voucher-none">
          {t("voucherNone")}
        </p>
      )}
    </section>
  );
}
