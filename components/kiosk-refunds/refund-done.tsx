"use client";

import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";
import type { FoundOrder } from "./refund-desk";
import type { KioskRefundResult } from "./refund-detail";

/** What went back where, exactly as the server booked it, and what the barista still has to do by hand. */
export function RefundDone(props: { result: KioskRefundResult; order: FoundOrder; locale: Locale; onDone: () => void }) {
  const { result, locale } = props;
  const t = useTranslations("refund");
  const done = useRef<HTMLButtonElement>(null);
  useEffect(() => done.current?.focus(), []);
  const won = (amount: bigint) => formatWon(amount, locale);
  // Cash leaves Canteen's ledger but moves by hand; the card share went to the terminal, unless it could not.
  const todos = result.tenders.filter((tender) => tender.to === "cash" || (tender.to === "card" && !result.card));
  const card = result.card;

  return (
    <div className="flex h-full min-h-0 flex-col items-center overflow-y-auto px-8 py-10" data-testid="refund-done">
      <div className="flex size-16 items-center justify-center rounded-full bg-emerald-500 text-white">
        <svg viewBox="0 0 24 24" className="size-9" aria-hidden>
          <path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="currentColor" strokeWidth="2.8" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </div>
      <h2 className="tabular mt-4 text-3xl font-extrabold" data-testid="refund-done-title">
        {t("doneTitle", { amount: won(result.amount) })}
      </h2>
      <p className="mt-2 flex items-center gap-2 text-lg">
        <span className="font-semibold">{t("orderTitle", { number: props.order.pickupNumber })}</span>
        <span className="text-muted">·</span>
        <span data-testid="refund-done-status" className="font-semibold text-amber-800">
          {t("doneStatus", { status: t(`status.${result.status}`) })}
        </span>
      </p>
      <p className="mt-1 text-muted" data-testid="refund-done-approved">
        {t("approvedBy", { name: result.approvedBy.name })}
      </p>

      <section className="mt-6 w-full max-w-xl rounded-3xl bg-white p-6 shadow-sm ring-1 ring-line">
        <h3 className="mb-3 text-sm font-semibold text-muted">{t("wentBack")}</h3>
        <ul className="divide-y divide-line" data-testid="refund-done-tenders">
          {result.tenders.map((tender, index) => (
            <li key={`${tender.kind}-${index}`} className="flex items-center justify-between gap-4 py-3" data-testid="refund-done-tender" data-to={tender.to}>
              <span>
                <span className="block text-lg font-bold">{t(`from.${tender.kind}`)}</span>
                <span className="block text-muted">→ {t(`to.${tender.to}`)}</span>
              </span>
              <span className="tabular text-2xl font-extrabold">{won(tender.amount)}</span>
            </li>
          ))}
        </ul>
      </section>

      {card ? (
        <p
          data-testid="refund-done-card"
          data-outcome={card.outcome}
          className={
            card.outcome === "canceled"
              ? "mt-4 w-full max-w-xl rounded-2xl bg-emerald-50 px-5 py-3 text-lg font-semibold text-emerald-900 ring-1 ring-emerald-200"
              : "mt-4 w-full max-w-xl rounded-2xl bg-amber-50 px-5 py-3 text-lg font-semibold text-amber-900 ring-1 ring-amber-200"
          }
        >
          {t(`cardTerminal.${card.outcome}`, { amount: won(card.amount), approval: card.approvalNumber ?? "—" })}
        </p>
      ) : null}

      {todos.length > 0 ? (
        <ul className="mt-4 w-full max-w-xl space-y-2">
          {todos.map((tender, index) => (
            <li
              key={`${tender.to}-${index}`}
              data-testid="refund-done-todo"
              className="rounded-2xl bg-amber-50 px-5 py-3 text-lg font-semibold text-amber-900 ring-1 ring-amber-200"
            >
              {t(`todo.${tender.to}`, { amount: won(tender.amount) })}
            </li>
          ))}
        </ul>
      ) : null}

      <button
        ref={done}
        type="button"
        onClick={props.onDone}
        data-testid="refund-done-close"
        className="mt-8 min-h-16 w-full max-w-sm shrink-0 rounded-2xl bg-ink text-xl font-bold text-white active:bg-black"
      >
        {t("done")}
      </button>
    </div>
  );
}
