import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { pgEnv } from "@/server/env";
import { parseCheckout } from "@/server/sandbox-pg/checkout";
import { formatWon } from "@/lib/money";
import { toLocale } from "@/i18n/locales";
import { CheckoutForm } from "./checkout-form";

export const metadata: Metadata = { title: "Sandbox PG · Checkout" };
export const dynamic = "force-dynamic";

/**
 * The sandbox PG's own payment page (what Toss's payment window is for a real card). It is
 * not Canteen's: no Canteen session, its own look, and the only place a card number is typed.
 */
export default async function SandboxCheckout({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [raw, t, locale] = await Promise.all([searchParams, getTranslations("sandboxPg"), getLocale()]);
  const values = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, typeof value === "string" ? value : undefined]));
  const params = parseCheckout(values, { clientKey: pgEnv().sandboxClientKey });
  const error = values.error === "card" ? t("errorCard") : values.error === "expiry" ? t("errorExpiry") : null;

  return (
    <div className="min-h-dvh bg-[#0f172a] font-mono text-slate-100">
      <div className="mx-auto flex min-h-dvh max-w-md flex-col">
        <header className="flex items-center justify-between border-b border-white/10 px-5 py-4">
          <span className="flex items-center gap-2 text-base font-bold tracking-tight">
            <svg viewBox="0 0 24 24" aria-hidden className="size-6 text-emerald-400" fill="none" stroke="currentColor" strokeWidth="2">
              <rect x="2.5" y="5" width="19" height="14" rx="2.5" />
              <path d="M2.5 9.5h19M6 15h4" />
            </svg>
            {t("brand")}
          </span>
          <span className="rounded-md border border-amber-300/60 bg-amber-300/10 px-2 py-1 text-xs font-bold tracking-wider text-amber-200 uppercase">
            {t("testMode")}
          </span>
        </header>
        {params ? (
          <main className="flex-1 px-5 py-5">
            <p className="rounded-lg bg-white/5 px-3 py-2 text-xs text-slate-300">{t("notice")}</p>
            <dl className="mt-5 space-y-2 text-sm">
              <div className="flex justify-between">
                <dt className="text-slate-400">{t("merchant")}</dt>
                <dd>Canteen</dd>
              </div>
              <div className="flex justify-between gap-4">
                <dt className="shrink-0 text-slate-400">{t("orderName")}</dt>
                <dd className="truncate">{params.orderName}</dd>
              </div>
            </dl>
            <div className="mt-4 rounded-xl border border-emerald-400/30 bg-emerald-400/10 p-4">
              <p className="text-xs text-emerald-200">{t("amount")}</p>
              <p data-testid="sandbox-amount" className="mt-1 text-3xl font-bold text-emerald-300">
                {formatWon(params.amount, toLocale(locale))}
              </p>
            </div>
            <CheckoutForm
              hidden={{
                clientKey: params.clientKey,
                orderId: params.orderId,
                orderName: params.orderName,
                amount: params.amount.toString(),
                successUrl: params.successUrl,
                failUrl: params.failUrl,
                customerKey: params.customerKey ?? "",
              }}
              error={error}
              errorField={values.error === "card" ? "card" : values.error === "expiry" ? "expiry" : null}
              labels={{
                cardNumber: t("cardNumber"),
                cardNumberHint: t("cardNumberHint"),
                expiry: t("expiry"),
                outcome: t("outcome"),
                approve: t("approve"),
                decline: t("decline"),
                timeout: t("timeout"),
                cancel: t("cancel"),
                waiting: t("waiting"),
              }}
            />
          </main>
        ) : (
          <main className="flex-1 px-5 py-10">
            <h1 className="text-lg font-bold text-red-300">{t("invalidTitle")}</h1>
            <p className="mt-2 text-sm text-slate-300">{t("invalidBody")}</p>
          </main>
        )}
        <footer className="px-5 pb-6 text-center text-[11px] text-slate-500">sandbox-pg · Toss Payments API v1 shape</footer>
      </div>
    </div>
  );
}
