"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
import { useTRPC } from "@/components/trpc/provider";
import { describeFailure, refusalText } from "@/components/kiosk/payment-logic";
import { formatWon } from "@/lib/money";
import { toLocale } from "@/i18n/locales";
import { amountProblem, parseTypedAmount } from "./amount-logic";
import { openCheckout } from "./open-checkout";
import { RecentTopUps } from "./recent-top-ups";

export type Overview = inferRouterOutputs<AppRouter>["topUp"]["overview"];

/** Balance, amount (presets or typed), the limits in words, and "charge by card" → the PG's page. */
export function TopUpScreen({ initial, suggested = null }: { initial: Overview; suggested?: bigint | null }) {
  const t = useTranslations("topUp");
  const tErrors = useTranslations("errors");
  const locale = toLocale(useLocale());
  const won = (amount: bigint) => formatWon(amount, locale);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overview = useQuery(trpc.topUp.overview.queryOptions(undefined, { initialData: initial })).data;
  // A suggested amount picks the smallest preset that covers it, or is typed in when none does.
  const coveringPreset = suggested === null ? undefined : overview.presets.find((value) => value >= suggested && value <= overview.limits.room);
  const [preset, setPreset] = useState<bigint | null>(
    coveringPreset ?? (suggested === null ? (overview.presets.find((value) => value <= overview.limits.room) ?? null) : null),
  );
  const [typed, setTyped] = useState(suggested !== null && coveringPreset === undefined ? suggested.toString() : "");
  const [error, setError] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);

  const amount = typed ? parseTypedAmount(typed) : preset;
  const problem = amountProblem(amount, overview.limits);
  const limitValues = {
    min: won(overview.limits.min),
    max: won(overview.limits.max),
    step: won(overview.limits.step),
    maxBalance: won(overview.limits.maxBalance),
    room: won(overview.limits.room),
  };

  const start = useMutation(
    trpc.topUp.start.mutationOptions({
      onSuccess: async (started) => {
        try {
          await openCheckout(started.checkout);
        } catch {
          setOpening(false);
          setError(tErrors("generic"));
        }
      },
      onError: (failure) => {
        setOpening(false);
        const described = describeFailure(failure);
        setError(described.kind === "refused" ? refusalText(described, tErrors, locale) : tErrors("generic"));
        void queryClient.invalidateQueries({ queryKey: trpc.topUp.overview.queryKey() });
      },
    }),
  );

  const submit = () => {
    if (amount === null || problem) return;
    setError(null);
    setOpening(true);
    start.mutate({ amount, origin: window.location.origin });
  };

  return (
    <main className="flex-1 space-y-4 px-5 pt-3 pb-8">
      <section className="rounded-3xl bg-brand-500 p-6 text-white shadow-sm">
        <p className="text-sm text-white/80">{t("balance")}</p>
        <p data-testid="top-up-balance" className="tabular mt-1 text-[28px] font-bold tracking-tight">
          {won(overview.balance)}
        </p>
      </section>

      <section className="rounded-3xl bg-white p-5 shadow-sm">
        <h2 className="text-base font-bold">{t("amountTitle")}</h2>
        <div role="radiogroup" aria-label={t("amountTitle")} className="mt-4 grid grid-cols-2 gap-2">
          {overview.presets.map((value) => {
            const chosen = !typed && preset === value;
            return (
              <button
                key={value.toString()}
                type="button"
                role="radio"
                aria-checked={chosen}
                onClick={() => {
                  setPreset(value);
                  setTyped("");
                  setError(null);
                }}
                className={`tabular min-h-14 rounded-2xl border text-base font-semibold transition-colors ${
                  chosen ? "border-brand-500 bg-brand-50 text-brand-600" : "border-line bg-white text-ink active:bg-canvas"
                }`}
              >
                {won(value)}
              </button>
            );
          })}
        </div>
        <label className="mt-3 block">
          <span className="text-sm text-muted">{t("customLabel")}</span>
          <span
            className={`mt-1 flex min-h-14 items-center rounded-2xl border px-4 ${typed ? "border-brand-500 bg-brand-50" : "border-line"}`}
          >
            <input
              data-testid="top-up-custom"
              inputMode="numeric"
              autoComplete="off"
              placeholder={t("customPlaceholder")}
              value={typed ? Number(parseTypedAmount(typed) ?? 0n).toLocaleString(locale === "ko" ? "ko-KR" : "en-US") : ""}
              onChange={(event) => {
                setTyped(event.target.value.replace(/[^\d]/g, ""));
                setError(null);
              }}
              className="tabular w-full bg-transparent text-lg font-semibold outline-none placeholder:font-normal placeholder:text-muted"
            />
            <span className="ml-2 shrink-0 text-muted">{t("won")}</span>
          </span>
        </label>
        <p data-testid="top-up-limits" className="mt-3 text-[13px] leading-5 text-muted">
          {t("limits", limitValues)}
          <br />
          {overview.limits.room >= overview.limits.min ? t("room", limitValues) : t("noRoom", limitValues)}
        </p>
        {problem ? (
          <p role="alert" data-testid="top-up-problem" className="mt-2 text-sm font-medium text-red-600">
            {t(problem, limitValues)}
          </p>
        ) : null}
      </section>

      {error ? (
        <p role="alert" data-testid="top-up-error" className="rounded-2xl bg-red-50 p-4 text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}

      <div>
        <button
          type="button"
          data-testid="top-up-submit"
          onClick={submit}
          disabled={amount === null || problem !== null || opening}
          className="min-h-14 w-full rounded-2xl bg-brand-500 text-base font-bold text-white shadow-sm active:bg-brand-600 disabled:bg-brand-100 disabled:text-white"
        >
          {opening ? t("opening") : amount !== null && !problem ? t("chargeByCard", { amount: won(amount) }) : t("chooseAmount")}
        </button>
        <p className="mt-3 flex gap-2 px-1 text-[13px] leading-5 text-muted">
          <svg viewBox="0 0 20 20" aria-hidden className="mt-0.5 size-4 shrink-0" fill="currentColor">
            <path d="M10 1.5 3 4.5v5c0 4.2 3 7.6 7 9 4-1.4 7-4.8 7-9v-5l-7-3Zm-1 12.2-3.2-3.2 1.2-1.2 2 2 4.5-4.5 1.2 1.2L9 13.7Z" />
          </svg>
          {t("cardNote")}
        </p>
      </div>

      <RecentTopUps topUps={overview.topUps} />
    </main>
  );
}
