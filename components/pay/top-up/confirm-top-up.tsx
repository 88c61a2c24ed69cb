"use client";

import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { describeFailure, refusalText } from "@/components/kiosk/payment-logic";
import { formatWon } from "@/lib/money";
import { toLocale } from "@/i18n/locales";

/**
 * The PG's success URL: asks the server to confirm (it checks the amount against the stored
 * one, confirms at the PG and credits the wallet once), then shows the new balance. Reloading
 * this page confirms again harmlessly.
 */
export function ConfirmTopUp({ paymentKey, orderId, amount }: { paymentKey: string; orderId: string; amount: string }) {
  const t = useTranslations("topUp");
  const tErrors = useTranslations("errors");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const [failure, setFailure] = useState<{ kind: "refused"; text: string } | { kind: "uncertain" } | null>(null);
  const confirm = useMutation(
    trpc.topUp.confirm.mutationOptions({
      onError: (error) => {
        const described = describeFailure(error);
        const uncertain = described.kind === "uncertain" || described.messageKey === "pgNoAnswer";
        setFailure(uncertain || described.kind !== "refused" ? { kind: "uncertain" } : { kind: "refused", text: refusalText(described, tErrors, locale) });
      },
    }),
  );
  const sent = useRef(false);
  const run = () => {
    setFailure(null);
    confirm.mutate({ paymentKey, orderId, amount });
  };
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    run();
    // Once per page load; a repeat (reload, strict mode) is harmless on the server anyway.
  }, []);

  if (confirm.data) {
    return (
      <Result tone="ok" testId="top-up-success" title={t("successTitle", { amount: formatWon(confirm.data.amount, locale) })}>
        <dl className="mt-6 space-y-3 rounded-2xl bg-canvas p-4 text-sm">
          <div className="flex justify-between">
            <dt className="text-muted">{t("newBalance")}</dt>
            <dd data-testid="top-up-new-balance" className="tabular font-bold">
              {formatWon(confirm.data.balance, locale)}
            </dd>
          </div>
          {confirm.data.cardLabel ? (
            <div className="flex justify-between">
              <dt className="text-muted">{t("card")}</dt>
              <dd className="tabular font-medium">{confirm.data.cardLabel}</dd>
            </div>
          ) : null}
        </dl>
        <Actions primary={{ href: "/pay", label: t("toHome") }} secondary={{ href: "/pay/top-up", label: t("again") }} />
      </Result>
    );
  }
  if (failure?.kind === "refused") {
    return (
      <Result tone="bad" testId="top-up-confirm-failed" title={t("confirmFailedTitle")}>
        <p className="mt-3 text-center text-sm text-ink">{failure.text}</p>
        <p className="mt-2 text-center text-sm font-semibold text-muted">{t("nothingCharged")}</p>
        <Actions primary={{ href: "/pay/top-up", label: t("tryAgain") }} secondary={{ href: "/pay", label: t("toHome") }} />
      </Result>
    );
  }
  if (failure?.kind === "uncertain") {
    return (
      <Result tone="wait" testId="top-up-uncertain" title={t("uncertainTitle")}>
        <p className="mt-3 text-center text-sm text-muted">{t("uncertainHint")}</p>
        <button type="button" onClick={run} className="mt-8 min-h-14 w-full rounded-2xl bg-brand-500 text-base font-bold text-white">
          {t("retry")}
        </button>
      </Result>
    );
  }
  return (
    <Result tone="wait" testId="top-up-confirming" title={t("confirming")}>
      <p className="mt-2 text-center text-sm text-muted">{t("confirmingHint")}</p>
    </Result>
  );
}

export function Result({ tone, title, testId, children }: { tone: "ok" | "bad" | "wait"; title: string; testId: string; children: React.ReactNode }) {
  const badge = { ok: "bg-brand-500", bad: "bg-red-500", wait: "bg-amber-400" }[tone];
  return (
    <main data-testid={testId} className="flex flex-1 flex-col px-5 pt-10 pb-8">
      <section className="rounded-3xl bg-white p-6 shadow-sm">
        <div className={`mx-auto flex size-16 items-center justify-center rounded-full text-white ${badge} ${tone === "wait" ? "animate-pulse" : ""}`}>
          <svg viewBox="0 0 24 24" aria-hidden className="size-8" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round">
            {tone === "ok" ? <path d="M5 12.5l4.5 4.5L19 7.5" /> : tone === "bad" ? <path d="M7 7l10 10M17 7L7 17" /> : <path d="M12 7v5l3 2" />}
          </svg>
        </div>
        <h1 className="tabular mt-5 text-center text-[22px] font-bold tracking-tight">{title}</h1>
        {children}
      </section>
    </main>
  );
}

export function Actions({ primary, secondary }: { primary: { href: string; label: string }; secondary: { href: string; label: string } }) {
  return (
    <div className="mt-8 grid grid-cols-2 gap-2">
      <Link href={secondary.href} className="flex min-h-14 items-center justify-center rounded-2xl bg-canvas text-base font-semibold text-ink">
        {secondary.label}
      </Link>
      <Link href={primary.href} className="flex min-h-14 items-center justify-center rounded-2xl bg-brand-500 text-base font-bold text-white">
        {primary.label}
      </Link>
    </div>
  );
}
