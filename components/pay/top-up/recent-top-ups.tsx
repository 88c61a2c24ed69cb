"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { describeFailure, newIdempotencyKey, refusalText } from "@/components/kiosk/payment-logic";
import { formatWon } from "@/lib/money";
import { toLocale } from "@/i18n/locales";
import { parseTypedAmount } from "./amount-logic";
import type { Overview } from "./top-up-screen";

type TopUp = Overview["topUps"][number];

const tone: Record<TopUp["status"], string> = {
  ready: "bg-canvas text-muted",
  in_progress: "bg-amber-50 text-amber-700",
  done: "bg-brand-50 text-brand-600",
  partial_canceled: "bg-violet-50 text-violet-700",
  canceled: "bg-canvas text-muted",
  aborted: "bg-red-50 text-red-700",
  expired: "bg-canvas text-muted",
};

/** The employee's recent card top-ups, with a cancel for the ones whose money is still in the wallet. */
export function RecentTopUps({ topUps }: { topUps: TopUp[] }) {
  const t = useTranslations("topUp");
  const format = useFormatter();
  const locale = toLocale(useLocale());
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  return (
    <section className="rounded-3xl bg-white p-5 shadow-sm">
      <h2 className="text-base font-bold">{t("recentTitle")}</h2>
      {done ? (
        <p role="status" data-testid="top-up-cancel-done" className="mt-3 rounded-2xl bg-brand-50 p-3 text-sm text-brand-700">
          {done}
        </p>
      ) : null}
      {topUps.length === 0 ? (
        <p className="mt-4 text-sm text-muted">{t("recentEmpty")}</p>
      ) : (
        <ul className="mt-2 divide-y divide-line">
          {topUps.map((topUp) => (
            <li key={topUp.id} data-testid="top-up-row" className="py-3">
              <div className="flex items-center gap-3">
                <div className="min-w-0 flex-1">
                  <p className="tabular text-base font-semibold">{formatWon(topUp.amount, locale)}</p>
                  <p className="tabular mt-0.5 text-[13px] text-muted">
                    {format.dateTime(topUp.approvedAt ?? topUp.createdAt, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Asia/Seoul" })}
                  </p>
                  {topUp.cardLabel ? <p className="tabular truncate text-[13px] text-muted">{topUp.cardLabel}</p> : null}
                  {topUp.canceledAmount > 0n && topUp.status === "partial_canceled" ? (
                    <p className="tabular text-[13px] text-violet-700">{t("canceledPart", { amount: formatWon(topUp.canceledAmount, locale) })}</p>
                  ) : null}
                </div>
                <span data-testid="top-up-status" className={`shrink-0 rounded-full px-2.5 py-1 text-xs font-semibold ${tone[topUp.status]}`}>
                  {t(`status.${topUp.status}`)}
                </span>
                {topUp.cancelable > 0n ? (
                  <button
                    type="button"
                    onClick={() => {
                      setOpen(open === topUp.id ? null : topUp.id);
                      setDone(null);
                    }}
                    aria-expanded={open === topUp.id}
                    className="min-h-12 shrink-0 rounded-xl border border-line px-3 text-sm font-semibold text-ink active:bg-canvas"
                  >
                    {t("cancel")}
                  </button>
                ) : null}
              </div>
              {open === topUp.id ? (
                <CancelPanel
                  topUp={topUp}
                  onClose={() => setOpen(null)}
                  onDone={(message) => {
                    setOpen(null);
                    setDone(message);
                  }}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CancelPanel({ topUp, onClose, onDone }: { topUp: TopUp; onClose: () => void; onDone: (message: string) => void }) {
  const t = useTranslations("topUp");
  const tErrors = useTranslations("errors");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [partial, setPartial] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  // One key per cancel the employee means: a double tap or a retry after a drop cancels once.
  const [key, setKey] = useState(newIdempotencyKey);
  const amount = partial ? parseTypedAmount(typed) : topUp.cancelable;
  const valid = amount !== null && amount > 0n && amount <= topUp.cancelable;

  const cancel = useMutation(
    trpc.topUp.cancel.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.topUp.overview.queryKey() });
        onDone(t("canceledDone", { amount: formatWon(result.canceled, locale) }));
      },
      onError: (failure) => {
        const described = describeFailure(failure);
        if (described.kind === "refused") {
          setError(refusalText(described, tErrors, locale));
          setKey(newIdempotencyKey());
        } else setError(tErrors("generic"));
      },
    }),
  );

  return (
    <div data-testid="top-up-cancel-panel" className="mt-3 space-y-3 rounded-2xl bg-canvas p-4">
      <p className="text-sm font-semibold">{t("cancelTitle")}</p>
      <p className="text-[13px] text-muted">{t("cancelHint", { amount: formatWon(topUp.cancelable, locale) })}</p>
      <div className="grid grid-cols-2 gap-2">
        <button
          type="button"
          aria-pressed={!partial}
          onClick={() => setPartial(false)}
          className={`min-h-12 rounded-xl border text-sm font-semibold ${!partial ? "border-brand-500 bg-white text-brand-600" : "border-line bg-white"}`}
        >
          {t("cancelAll", { amount: formatWon(topUp.cancelable, locale) })}
        </button>
        <button
          type="button"
          aria-pressed={partial}
          onClick={() => setPartial(true)}
          className={`min-h-12 rounded-xl border text-sm font-semibold ${partial ? "border-brand-500 bg-white text-brand-600" : "border-line bg-white"}`}
        >
          {t("cancelPart")}
        </button>
      </div>
      {partial ? (
        <label className="block">
          <span className="text-[13px] text-muted">{t("cancelAmountLabel")}</span>
          <input
            inputMode="numeric"
            value={typed}
            onChange={(event) => setTyped(event.target.value.replace(/[^\d]/g, ""))}
            className="tabular mt-1 min-h-12 w-full rounded-xl border border-line bg-white px-3 text-base font-semibold outline-none focus:border-brand-500"
          />
        </label>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-600">
          {error}
        </p>
      ) : null}
      <div className="grid grid-cols-2 gap-2">
        <button type="button" onClick={onClose} className="min-h-12 rounded-xl bg-white text-sm font-semibold text-muted">
          {t("cancelClose")}
        </button>
        <button
          type="button"
          data-testid="top-up-cancel-confirm"
          disabled={!valid || cancel.isPending}
          onClick={() => amount !== null && cancel.mutate({ id: topUp.id, amount, idempotencyKey: key })}
          className="min-h-12 rounded-xl bg-red-500 text-sm font-bold text-white disabled:bg-red-200"
        >
          {t("cancelConfirm", { amount: formatWon(valid && amount !== null ? amount : 0n, locale) })}
        </button>
      </div>
    </div>
  );
}
