"use client";

import { useMemo, useRef, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useTranslations } from "next-intl";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";
import { useTRPC } from "@/components/trpc/provider";
import { StepButton } from "@/components/kiosk/option-sheet";
import { describeFailure, newIdempotencyKey, refusalText } from "@/components/kiosk/payment-logic";
import type { AppRouter } from "@/server/trpc/root";
import { PinDialog } from "./pin-dialog";
import { RefundDone } from "./refund-done";
import { clampChoice, composeReason, isRefundable, leftOf, refundAmount, selectAll, selectedLines, type Selection } from "./refund-logic";
import { StatusBadge } from "./status-badge";
import { timeOf, type FoundOrder } from "./refund-desk";

export type KioskRefundResult = inferRouterOutputs<AppRouter>["refunds"]["kioskRefund"];

const REASONS = ["changedMind", "wrongOrder", "quality", "soldOut", "slow"] as const;
/** Re-sent at once with the same key before the barista is told the answer was lost. */
const SILENT_RETRIES = 2;

const nameIn = (row: { nameKo: string; nameEn: string }, locale: Locale) => (locale === "ko" ? row.nameKo : row.nameEn);

type Attempt = {
  key: string;
  input: { orderId: string; lines: { lineId: string; quantity: number }[]; reason: string; pin: string };
};

/** One order: choose lines and quantities, say why, then the manager's PIN refunds it. */
export function RefundDetail(props: { order: FoundOrder; timeZone: string; locale: Locale; onRefunded: () => void; onClose: () => void }) {
  const { order, locale } = props;
  const t = useTranslations("refund");
  const tErrors = useTranslations("errors");
  const trpc = useTRPC();
  const refund = useMutation(trpc.refunds.kioskRefund.mutationOptions());

  const [selection, setSelection] = useState<Selection>({});
  const [reasonPick, setReasonPick] = useState<(typeof REASONS)[number] | null>(null);
  const [note, setNote] = useState("");
  const [pinOpen, setPinOpen] = useState(false);
  const [pinError, setPinError] = useState<string | null>(null);
  const [uncertain, setUncertain] = useState(false);
  const [done, setDone] = useState<KioskRefundResult | null>(null);
  // Kept while the answer is unknown, so "try again" re-sends the very same refund.
  const attempt = useRef<Attempt | null>(null);

  const amount = refundAmount(order, selection);
  const lines = selectedLines(order, selection);
  const reason = composeReason(reasonPick ? t(`reasons.${reasonPick}`) : null, note);
  const refundable = isRefundable(order);
  const everythingChosen = useMemo(
    () => order.lines.every((line) => clampChoice(line, selection[line.id] ?? 0) === leftOf(line)),
    [order, selection],
  );
  const blocker = !refundable ? t("notRefundable") : lines.length === 0 ? t("nothingChosen") : !reason ? t("chooseReason") : null;

  const send = async (current: Attempt) => {
    setPinError(null);
    setUncertain(false);
    for (let tries = 0; ; tries++) {
      try {
        const result = await refund.mutateAsync({ idempotencyKey: current.key, ...current.input });
        attempt.current = null;
        setPinOpen(false);
        setDone(result);
        props.onRefunded();
        return;
      } catch (error) {
        const failure = describeFailure(error);
        if (failure.kind === "uncertain") {
          if (tries < SILENT_RETRIES) continue;
          setUncertain(true);
          return;
        }
        // Refused: the transaction rolled back and nothing moved; the next try is a new attempt.
        attempt.current = null;
        setPinError(refusalText(failure, tErrors, locale));
        return;
      }
    }
  };

  const submitPin = (pin: string) => {
    if (refund.isPending) return;
    attempt.current = { key: newIdempotencyKey(), input: { orderId: order.id, lines, reason, pin } };
    void send(attempt.current);
  };

  if (done) {
    return <RefundDone result={done} order={order} locale={locale} onDone={props.onClose} />;
  }

  const refundedTotal = order.refundedAmount;
  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="refund-detail">
      <header className="flex shrink-0 flex-wrap items-center gap-x-4 gap-y-1 border-b border-line bg-white px-6 py-3">
        <h2 className="text-2xl font-extrabold" data-testid="refund-order-title">
          {t("orderTitle", { number: order.pickupNumber })}
        </h2>
        <StatusBadge status={order.status} testId="refund-order-status" />
        <span className="tabular text-muted">{t("paidAt", { time: timeOf(order.paidAt ?? order.createdAt, locale, props.timeZone) })}</span>
        <span className="text-muted">{order.payerName ? t("payer", { name: order.payerName }) : t("walkIn")}</span>
        <span className="ml-auto text-right">
          <span className="tabular block text-xl font-bold">{formatWon(order.total, locale)}</span>
          {refundedTotal > 0n ? (
            <span className="tabular block text-sm font-semibold text-red-600">{t("tenderRefunded", { amount: formatWon(refundedTotal, locale) })}</span>
          ) : null}
        </span>
        <button type="button" onClick={props.onClose} className="min-h-12 rounded-xl px-3 font-semibold text-muted active:bg-canvas">
          {t("backToList")}
        </button>
      </header>

      <div className="flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="flex min-h-14 shrink-0 items-center justify-between px-6 pt-2">
            <h3 className="text-lg font-bold">{t("lines")}</h3>
            <button
              type="button"
              data-testid="refund-select-all"
              disabled={!refundable}
              onClick={() => setSelection(everythingChosen ? {} : selectAll(order))}
              className="min-h-12 rounded-xl bg-white px-4 font-semibold shadow-sm ring-1 ring-line active:bg-canvas disabled:opacity-40"
            >
              {everythingChosen && refundable ? t("selectNone") : t("selectAll")}
            </button>
          </div>
          <ul className="min-h-0 flex-1 space-y-2 overflow-y-auto px-6 pt-2 pb-6">
            {order.lines.map((line) => {
              const left = leftOf(line);
              const chosen = clampChoice(line, selection[line.id] ?? 0);
              const name = nameIn(line, locale);
              const set = (quantity: number) => setSelection((current) => ({ ...current, [line.id]: clampChoice(line, quantity) }));
              return (
                <li
                  key={line.id}
                  data-testid="refund-line"
                  data-chosen={chosen}
                  className={`flex items-center gap-4 rounded-2xl bg-white px-4 py-3 ring-1 ${chosen > 0 ? "ring-2 ring-brand-500" : "ring-line"} ${left === 0 ? "opacity-60" : ""}`}
                >
                  <div className="min-w-0 flex-1">
                    <p className="text-[17px] font-semibold">
                      {name} <span className="tabular text-muted">×{line.quantity}</span>
                    </p>
                    {line.options.length > 0 ? (
                      <p className="text-sm text-muted" data-testid="refund-line-options">
                        {line.options.map((option) => nameIn(option, locale)).join(" · ")}
                      </p>
                    ) : null}
                    <p className="mt-0.5 flex flex-wrap gap-x-2 text-sm">
                      <span className="tabular text-muted">{t("unitPrice", { price: formatWon(line.unitPrice, locale) })}</span>
                      {line.refundedQuantity > 0 ? (
                        <span className="font-semibold text-red-600" data-testid="refund-line-refunded">
                          {left === 0 ? t("fullyRefunded") : t("alreadyRefunded", { count: line.refundedQuantity })}
                        </span>
                      ) : null}
                    </p>
                  </div>
                  {left > 0 ? (
                    <div className="flex items-center rounded-2xl bg-canvas">
                      <StepButton label={t("decrease", { item: name })} sign="-" disabled={chosen === 0} onClick={() => set(chosen - 1)} />
                      <span className="tabular w-14 text-center text-xl font-bold" data-testid="refund-line-quantity">
                        {chosen}
                        <span className="text-sm font-medium text-muted">/{left}</span>
                      </span>
                      <StepButton label={t("increase", { item: name })} sign="+" disabled={chosen >= left} onClick={() => set(chosen + 1)} />
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </div>

        <aside className="flex w-[320px] shrink-0 flex-col border-l border-line bg-white xl:w-[360px]">
          <div className="min-h-0 flex-1 space-y-5 overflow-y-auto px-5 py-4">
            <section>
              <h3 className="mb-2 text-sm font-semibold text-muted">{t("paidWith")}</h3>
              <ul className="space-y-1.5" data-testid="refund-tenders">
                {order.tenders.map((tender, index) => (
                  <li key={`${tender.kind}-${index}`} className="flex items-baseline justify-between gap-2" data-testid="refund-tender">
                    <span>
                      {tender.kind === "voucher" && tender.meal && t.has(`meal.${tender.meal}`)
                        ? t("from.voucherMeal", { meal: t(`meal.${tender.meal}`) })
                        : t(`from.${tender.kind}`)}
                      {tender.kind === "card" && tender.reference ? (
                        <span className="ml-1 text-xs text-muted">{t("approval", { number: tender.reference })}</span>
                      ) : null}
                    </span>
                    <span className="tabular text-right font-semibold">
                      {formatWon(tender.amount, locale)}
                      {tender.refundedAmount > 0n ? (
                        <span className="block text-xs font-semibold text-red-600">
                          {t("tenderRefunded", { amount: formatWon(tender.refundedAmount, locale) })}
                        </span>
                      ) : null}
                    </span>
                  </li>
                ))}
              </ul>
            </section>

            {order.refunds.length > 0 ? (
              <section>
                <h3 className="mb-2 text-sm font-semibold text-muted">{t("history")}</h3>
                <ul className="space-y-1 text-sm" data-testid="refund-history">
                  {order.refunds.map((entry) => (
                    <li key={entry.id} className="tabular text-muted">
                      {t("historyLine", {
                        time: timeOf(entry.createdAt, locale, props.timeZone),
                        amount: formatWon(entry.amount, locale),
                        reason: entry.reason,
                        by: entry.createdBy,
                      })}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}

            {refundable ? (
              <section>
                <h3 className="mb-2 text-sm font-semibold text-muted">{t("reason")}</h3>
                <div className="flex flex-wrap gap-2" role="group" aria-label={t("reason")}>
                  {REASONS.map((key) => (
                    <button
                      key={key}
                      type="button"
                      aria-pressed={reasonPick === key}
                      onClick={() => setReasonPick((current) => (current === key ? null : key))}
                      className="min-h-12 rounded-xl bg-canvas px-3.5 font-semibold text-ink active:bg-line aria-pressed:bg-ink aria-pressed:text-white"
                    >
                      {t(`reasons.${key}`)}
                    </button>
                  ))}
                </div>
                <label className="mt-3 block">
                  <span className="mb-1 block text-sm font-medium text-muted">{t("reasonOther")}</span>
                  <input
                    data-testid="refund-note"
                    value={note}
                    maxLength={120}
                    onChange={(event) => setNote(event.target.value)}
                    placeholder={t("reasonPlaceholder")}
                    className="min-h-12 w-full rounded-xl bg-canvas px-4 outline-none focus:ring-2 focus:ring-brand-500"
                  />
                </label>
              </section>
            ) : null}
          </div>

          <div className="shrink-0 border-t border-line px-5 py-4">
            <div className="flex items-baseline justify-between">
              <span className="font-semibold">{t("refundAmount")}</span>
              <span className="tabular text-3xl font-extrabold text-red-600" data-testid="refund-amount">
                {formatWon(amount, locale)}
              </span>
            </div>
            <p className="mt-1 min-h-5 text-sm text-muted" data-testid="refund-blocker">
              {blocker}
            </p>
            <button
              type="button"
              data-testid="refund-approve"
              disabled={blocker !== null}
              onClick={() => {
                setPinError(null);
                setUncertain(false);
                setPinOpen(true);
              }}
              className="mt-2 min-h-16 w-full rounded-2xl bg-red-600 text-xl font-bold text-white active:bg-red-700 disabled:bg-line disabled:text-muted"
            >
              {t("approve")}
            </button>
          </div>
        </aside>
      </div>

      {pinOpen ? (
        <PinDialog
          subtitle={t("pinSubtitle", { number: order.pickupNumber, amount: formatWon(amount, locale) })}
          pending={refund.isPending}
          error={pinError}
          uncertain={uncertain}
          onSubmit={submitPin}
          onRetry={() => {
            if (attempt.current && !refund.isPending) void send(attempt.current);
          }}
          onCancel={() => {
            if (refund.isPending) return;
            // After a lost answer the refund may have gone through: the list will say.
            if (uncertain) props.onRefunded();
            attempt.current = null;
            setUncertain(false);
            setPinOpen(false);
          }}
        />
      ) : null}
    </div>
  );
}
