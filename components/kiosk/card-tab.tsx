"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";
import { useTRPC } from "@/components/trpc/provider";
import { CardArt, PrimaryButton, WarningIcon } from "./payment-parts";

/** What the card tab shows: ready to charge, at the terminal, or the terminal's answer. */
export type CardView =
  | { kind: "idle" }
  | { kind: "waiting" }
  | { kind: "declined"; reason: string }
  | { kind: "timedOut" }
  /** Neither recorded nor voided: the barista must void it on the terminal. */
  | { kind: "manualVoid"; message: string };

/**
 * Card at the kiosk's terminal: the amount and one button; while the terminal waits for the
 * card, a prompt to insert or tap it; then a decline with its reason, or a time-out that
 * says plainly nothing was charged, each with "try again" and "take cash".
 */
export function CardTab(props: {
  view: CardView;
  due: bigint;
  remainder: boolean;
  locale: Locale;
  disabled: boolean;
  onPay: () => void;
  onCash: () => void;
  onDismiss: () => void;
}) {
  const { view, due, locale } = props;
  const t = useTranslations("kiosk");
  const amount = formatWon(due, locale);

  if (view.kind === "waiting") {
    return (
      <Panel testId="card-waiting">
        <div role="status" aria-live="polite" className="flex flex-col items-center">
          <div className="relative flex size-40 items-center justify-center">
            <span className="absolute inset-0 animate-spin rounded-full border-[5px] border-brand-100 border-t-brand-500 [animation-duration:1.1s]" aria-hidden />
            <CardArt className="h-20 w-auto" />
          </div>
          <h2 className="mt-6 text-3xl font-extrabold tracking-tight">{t("cardInsert")}</h2>
          <p className="tabular mt-3 text-5xl font-extrabold tracking-tight text-brand-600" data-testid="card-amount">
            {amount}
          </p>
          <p className="mt-4 text-base font-semibold text-muted">{t("cardWaiting")}</p>
        </div>
      </Panel>
    );
  }

  if (view.kind === "declined" || view.kind === "timedOut") {
    const declined = view.kind === "declined";
    return (
      <Panel testId={declined ? "card-declined" : "card-timed-out"}>
        <div role="alert" className="flex flex-col items-center">
          {declined ? <DeclinedIcon /> : <ClockIcon />}
          <h2 className="mt-5 text-3xl font-extrabold tracking-tight">{declined ? t("cardDeclinedTitle") : t("cardTimedOutTitle")}</h2>
          {declined ? (
            <p className="mt-3 rounded-xl bg-red-50 px-4 py-2 text-lg font-bold text-red-700" data-testid="card-decline-reason">
              {view.reason}
            </p>
          ) : null}
          <p className="mt-3 max-w-md text-base text-muted">{declined ? t("cardDeclinedBody") : t("cardTimedOutBody")}</p>
        </div>
        <div className="mt-7 grid w-full max-w-lg grid-cols-2 gap-3">
          <PrimaryButton disabled={props.disabled} busy={false} busyLabel="" onClick={props.onPay} testId="card-retry">
            {t("cardTryAgain")}
          </PrimaryButton>
          <button
            type="button"
            disabled={props.disabled}
            onClick={props.onCash}
            data-testid="card-cash"
            className="min-h-16 rounded-2xl bg-ink text-lg font-bold text-white active:bg-black disabled:opacity-40"
          >
            {t("cardUseCash")}
          </button>
        </div>
        <SandboxTerminalControl disabled={props.disabled} />
      </Panel>
    );
  }

  if (view.kind === "manualVoid") {
    return (
      <Panel testId="card-manual-void">
        <div role="alert" className="flex max-w-xl flex-col items-center">
          <WarningIcon className="size-16 text-red-500" />
          <h2 className="mt-5 text-3xl font-extrabold tracking-tight text-red-700">{t("cardManualVoidTitle")}</h2>
          <p className="mt-3 text-lg font-semibold">{view.message}</p>
        </div>
        <div className="mt-7 w-full max-w-sm">
          <PrimaryButton disabled={false} busy={false} busyLabel="" onClick={props.onDismiss} testId="card-manual-void-done">
            {t("cardManualVoidDone")}
          </PrimaryButton>
        </div>
      </Panel>
    );
  }

  return (
    <Panel testId="card-idle">
      <CardArt className="h-24 w-auto" />
      <p className="mt-5 text-base font-semibold text-muted">{props.remainder ? t("cardRemainder") : t("cardAmount")}</p>
      <p className="tabular mt-1 text-5xl font-extrabold tracking-tight" data-testid="card-amount">
        {amount}
      </p>
      <p className="mt-4 max-w-md text-base text-muted">{t("cardHint")}</p>
      <div className="mt-8 w-full max-w-md">
        <PrimaryButton disabled={props.disabled} busy={false} busyLabel="" onClick={props.onPay} testId="card-submit">
          {props.remainder ? t("cardPayRemainder", { amount }) : t("cardPay", { amount })}
        </PrimaryButton>
      </div>
      <SandboxTerminalControl disabled={props.disabled} />
    </Panel>
  );
}

function Panel(props: { children: React.ReactNode; testId: string }) {
  return (
    <div className="flex min-h-0 flex-1 flex-col items-center justify-center rounded-3xl bg-white px-8 py-6 text-center" data-testid={props.testId}>
      {props.children}
    </div>
  );
}

const OUTCOMES = [
  { outcome: "approve", label: "sandboxApprove" },
  { outcome: "decline", label: "sandboxDecline" },
  { outcome: "timeout", label: "sandboxTimeout" },
] as const;

/**
 * Shown only while the kiosk talks to the sandbox terminal: what its next charge does, so a
 * demo or a test can walk the decline and time-out paths. It goes back to approving after one charge.
 */
export function SandboxTerminalControl(props: { disabled: boolean }) {
  const t = useTranslations("kiosk");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useQuery(trpc.card.terminal.queryOptions(undefined, { staleTime: 0 }));
  const setNext = useMutation(
    trpc.card.sandboxSetNext.mutationOptions({
      onSuccess: (result) => queryClient.setQueryData(trpc.card.terminal.queryKey(), { kind: "sandbox" as const, next: result.next }),
    }),
  );
  if (data?.kind !== "sandbox") return null;
  return (
    <div
      className="mt-6 flex w-full max-w-lg items-center gap-3 rounded-2xl border-2 border-dashed border-line px-3 py-2 text-left"
      data-testid="sandbox-terminal"
    >
      <div className="min-w-0 flex-1 leading-tight">
        <p className="text-sm font-bold text-muted">{t("sandboxTitle")}</p>
        <p className="text-xs text-muted">{t("sandboxHint")}</p>
      </div>
      <div role="radiogroup" aria-label={t("sandboxHint")} className="flex gap-1 rounded-xl bg-canvas p-1">
        {OUTCOMES.map((option) => (
          <button
            key={option.outcome}
            type="button"
            role="radio"
            aria-checked={data.next === option.outcome}
            disabled={props.disabled || setNext.isPending}
            onClick={() => setNext.mutate({ outcome: option.outcome })}
            className="min-h-12 rounded-lg px-3 text-sm font-bold text-muted active:bg-white disabled:opacity-50 aria-checked:bg-white aria-checked:text-ink aria-checked:shadow-[0_1px_2px_rgb(0_0_0/0.08)]"
          >
            {t(option.label)}
          </button>
        ))}
      </div>
    </div>
  );
}

function DeclinedIcon() {
  return (
    <div className="flex size-20 items-center justify-center rounded-full bg-red-500 text-white shadow-[0_8px_24px_rgb(239_68_68/0.3)]">
      <svg viewBox="0 0 24 24" className="size-10" aria-hidden>
        <path d="M7 7l10 10M17 7L7 17" fill="none" stroke="currentColor" strokeWidth="2.8" strokeLinecap="round" />
      </svg>
    </div>
  );
}

function ClockIcon() {
  return (
    <div className="flex size-20 items-center justify-center rounded-full bg-amber-400 text-white shadow-[0_8px_24px_rgb(245_158_11/0.3)]">
      <svg viewBox="0 0 24 24" className="size-10" aria-hidden>
        <circle cx="12" cy="12" r="8" fill="none" stroke="currentColor" strokeWidth="2.4" />
        <path d="M12 7.5V12l3 2" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </div>
  );
}
