"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { useTranslations } from "next-intl";
import { cartTotal, checkoutLines, lineTotal } from "@/lib/cart";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";
import type { AppRouter } from "@/server/trpc/root";
import { useTRPC } from "@/components/trpc/provider";
import { Keypad } from "./keypad";
import {
  appendCashDigits,
  appendPayCodeDigit,
  cashSuggestions,
  describeFailure,
  displayDetails,
  dropCashDigit,
  newIdempotencyKey,
  payCodeProblem,
  refusalText,
  retriesSilently,
  type PaymentFailure,
} from "./payment-logic";
import { nameIn, optionNames, type KioskCart } from "./types";
import { useKeyboardWedge } from "./use-keyboard-wedge";

type CheckoutInput = inferRouterInputs<AppRouter>["orders"]["checkout"];
export type CheckoutResult = inferRouterOutputs<AppRouter>["orders"]["checkout"];
type Method = "code" | "card" | "cash";
/** After a pay code fell short: the same code pays again with the rest by card or cash. */
type Split = { payCode: string; shortfall: bigint; voucherRefusal: string | null };

/**
 * Taking payment for the cart: pay code (scanner or typed), card, or cash, and a pay code
 * whose voucher and wallet fall short topped up by card or cash. One idempotency key per
 * attempt; a retry after no answer re-sends the same attempt, so nothing is charged twice.
 */
export function PaymentPanel(props: {
  cart: KioskCart;
  locale: Locale;
  onBack: () => void;
  onPaid: (result: CheckoutResult) => void;
  onMenuStale: () => void;
}) {
  const { cart, locale, onPaid, onMenuStale } = props;
  const t = useTranslations("kiosk");
  const tErrors = useTranslations("errors");
  const tRefusal = useTranslations("voucherRefusal");
  const trpc = useTRPC();
  const total = cartTotal(cart);

  const [method, setMethod] = useState<Method>("code");
  const [code, setCodeState] = useState("");
  const codeRef = useRef("");
  // After a refused code the next digit starts a new one (a scanner then simply scans again).
  const codeStale = useRef(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const [split, setSplit] = useState<Split | null>(null);
  const [tendered, setTendered] = useState(0n);
  const [notice, setNotice] = useState<PaymentFailure | null>(null);

  const checkout = useMutation(
    trpc.orders.checkout.mutationOptions({
      // Only when there was no answer, with the same variables and so the same key.
      retry: (failures, error) => failures < 2 && retriesSilently(error),
      retryDelay: (failures) => Math.min(4_000, 800 * 2 ** failures),
    }),
  );
  const busy = checkout.isPending;
  const inFlight = useRef(false);
  const attempt = useRef<CheckoutInput | null>(null);
  const uncertain = notice?.kind === "uncertain";
  const locked = busy || uncertain;

  const setCode = useCallback((next: string) => {
    codeRef.current = next;
    setCodeState(next);
  }, []);

  const focusCode = useCallback((selectAll: boolean) => {
    const input = codeInput.current;
    if (!input) return;
    input.focus({ preventScroll: true });
    if (selectAll) input.select();
  }, []);

  function send(input: CheckoutInput) {
    // A ref, not state: a double tap lands before React re-renders the disabled button.
    if (inFlight.current) return;
    inFlight.current = true;
    setNotice(null);
    checkout.mutate(input, {
      onSuccess: (result) => onPaid(result),
      onError: (error) => failed(error, input),
      onSettled: () => {
        inFlight.current = false;
      },
    });
  }

  function start(request: Omit<CheckoutInput, "idempotencyKey">) {
    if (inFlight.current || uncertain) return;
    const input: CheckoutInput = { ...request, idempotencyKey: newIdempotencyKey() };
    attempt.current = input;
    send(input);
  }

  function retrySameAttempt() {
    if (attempt.current) send(attempt.current);
  }

  function failed(error: unknown, input: CheckoutInput) {
    const failure = describeFailure(error);
    setNotice(failure);
    if (failure.kind !== "refused") return;
    const { messageKey, details } = failure;
    if (messageKey === "insufficientBalance" && input.payCode && input.remainder.method === "none") {
      const shortfall = typeof details?.shortfall === "number" ? BigInt(details.shortfall) : null;
      if (shortfall !== null && shortfall > 0n) {
        const refusal = typeof details?.voucherRefusal === "string" ? details.voucherRefusal : null;
        setSplit({ payCode: input.payCode, shortfall, voucherRefusal: refusal });
        setTendered(0n);
      }
      return;
    }
    if (messageKey.startsWith("payCode") || messageKey === "payerNotFound" || messageKey === "payerSuspended") {
      // The code is spent or wrong either way: the next scan starts over.
      setSplit(null);
      setMethod("code");
      codeStale.current = true;
      requestAnimationFrame(() => focusCode(true));
    }
    if (messageKey === "menuItemSoldOut" || messageKey === "menuItemNotFound") onMenuStale();
  }

  const lines = checkoutLines(cart);

  function selectMethod(next: Method) {
    setMethod(next);
    // A refusal belongs to the attempt it answered; an unanswered one stays until resolved.
    setNotice((current) => (current?.kind === "refused" ? null : current));
  }

  function payWithCode() {
    const payCode = codeRef.current.replace(/[\s-]/g, "");
    const problem = payCodeProblem(payCode);
    if (problem) {
      setNotice({ kind: "refused", messageKey: problem, details: null });
      codeStale.current = true;
      focusCode(true);
      return;
    }
    start({ lines, payCode, remainder: { method: "none" } });
  }

  const due = split ? split.shortfall : total;

  function payByCard() {
    start({ lines, ...(split ? { payCode: split.payCode } : {}), remainder: { method: "card" } });
  }

  function payByCash() {
    if (tendered < due) return;
    start({ lines, ...(split ? { payCode: split.payCode } : {}), remainder: { method: "cash", tendered } });
  }

  function typeCodeDigit(digit: string) {
    const base = codeStale.current ? "" : codeRef.current;
    codeStale.current = false;
    setCode(appendPayCodeDigit(base, digit));
  }

  // The scanner may fire on any tab: its code is always a pay code.
  useKeyboardWedge({
    enabled: !locked,
    onDigit: (digit) => {
      if (split) setSplit(null);
      setMethod("code");
      typeCodeDigit(digit);
    },
    onEnter: () => {
      if (codeRef.current.length === 0) return false;
      payWithCode();
      return true;
    },
  });

  useEffect(() => {
    if (method === "code" && !split) focusCode(false);
  }, [method, split, focusCode]);

  const noticeText =
    notice?.kind === "refused"
      ? refusalText({ ...notice, details: withLocalNames(notice.details, cart, locale) }, tErrors, locale)
      : null;
  const voucherReason = (reason: unknown) =>
    typeof reason === "string" && tRefusal.has(reason) ? tRefusal(reason) : null;

  return (
    <div className="flex h-full min-h-0" data-testid="payment">
      {/* What is being paid for, so the barista can read it back to the customer. */}
      <section className="flex w-[340px] shrink-0 flex-col border-r border-line bg-white xl:w-[380px]">
        <div className="flex min-h-16 items-center px-3">
          <button
            type="button"
            onClick={props.onBack}
            disabled={locked}
            className="flex min-h-12 items-center gap-1 rounded-xl px-3 text-base font-semibold text-muted active:bg-canvas disabled:opacity-40"
          >
            <svg viewBox="0 0 24 24" className="size-5" aria-hidden>
              <path d="M15 5l-7 7 7 7" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            {t("backToMenu")}
          </button>
        </div>
        <div className="px-6 pb-4">
          <p className="text-base font-semibold text-muted">{t("amountToPay")}</p>
          <p className="tabular mt-1 text-4xl font-extrabold tracking-tight" data-testid="payment-total">
            {formatWon(total, locale)}
          </p>
        </div>
        <ul className="min-h-0 flex-1 divide-y divide-line overflow-y-auto border-t border-line px-6">
          {cart.map((line) => {
            const options = optionNames(line.item, line.optionIds, locale);
            return (
              <li key={line.key} className="flex gap-3 py-3">
                <div className="min-w-0 flex-1">
                  <p className="font-semibold">
                    {nameIn(line.item, locale)} <span className="tabular text-muted">×{line.quantity}</span>
                  </p>
                  {options.length > 0 ? <p className="text-sm text-muted">{options.join(" · ")}</p> : null}
                </div>
                <span className="tabular font-semibold">{formatWon(lineTotal(line), locale)}</span>
              </li>
            );
          })}
        </ul>
      </section>

      <section className="flex min-w-0 flex-1 flex-col gap-4 p-5">
        <div role="tablist" aria-label={t("paymentMethod")} className="grid shrink-0 grid-cols-3 gap-2 rounded-2xl bg-white p-1.5 shadow-[0_1px_2px_rgb(0_0_0/0.05)]">
          <MethodTab selected={method === "code"} disabled={locked} onSelect={() => selectMethod("code")} icon="code" label={t("methodCode")} />
          <MethodTab selected={method === "card"} disabled={locked} onSelect={() => selectMethod("card")} icon="card" label={t("methodCard")} />
          <MethodTab selected={method === "cash"} disabled={locked} onSelect={() => selectMethod("cash")} icon="cash" label={t("methodCash")} />
        </div>

        {notice?.kind === "uncertain" ? (
          <div role="alert" data-testid="payment-uncertain" className="flex shrink-0 items-center gap-4 rounded-2xl bg-amber-50 px-5 py-4 text-amber-900 ring-1 ring-amber-200">
            <WarningIcon className="size-7 shrink-0 text-amber-500" />
            <div className="min-w-0 flex-1">
              <p className="font-bold">{t("uncertainTitle")}</p>
              <p className="text-sm">{t("uncertainBody")}</p>
            </div>
            <button
              type="button"
              onClick={() => setNotice(null)}
              disabled={busy}
              className="min-h-12 shrink-0 rounded-xl px-4 font-semibold text-amber-800 active:bg-amber-100"
            >
              {t("uncertainDismiss")}
            </button>
            <button
              type="button"
              onClick={retrySameAttempt}
              disabled={busy}
              className="min-h-12 shrink-0 rounded-xl bg-amber-500 px-5 font-bold text-white active:bg-amber-600 disabled:opacity-60"
            >
              {busy ? t("paying") : t("retrySame")}
            </button>
          </div>
        ) : null}
        {noticeText && !(split && notice?.kind === "refused" && notice.messageKey === "insufficientBalance") ? (
          <div role="alert" data-testid="payment-error" className="flex shrink-0 items-start gap-3 rounded-2xl bg-red-50 px-5 py-4 text-red-700 ring-1 ring-red-200">
            <WarningIcon className="mt-0.5 size-6 shrink-0 text-red-500" />
            <div>
              <p className="text-base font-bold">{noticeText}</p>
              {notice?.kind === "refused" && voucherReason(notice.details?.voucherRefusal) ? (
                <p className="mt-0.5 text-sm text-red-600">{voucherReason(notice.details?.voucherRefusal)}</p>
              ) : null}
            </div>
          </div>
        ) : null}

        {method === "code" && split ? (
          <SplitChooser
            split={split}
            total={total}
            locale={locale}
            message={tErrors("insufficientBalance", displayDetails({ shortfall: Number(split.shortfall) }, locale))}
            reason={voucherReason(split.voucherRefusal)}
            disabled={locked}
            busy={busy}
            onCard={payByCard}
            onCash={() => selectMethod("cash")}
            onCancel={() => {
              setSplit(null);
              setNotice(null);
              setCode("");
            }}
          />
        ) : null}

        {method === "code" && !split ? (
          <div className="grid min-h-0 flex-1 grid-cols-[1fr_260px] gap-4 xl:grid-cols-[1fr_300px]">
            <form
              className="flex min-h-0 flex-col items-center justify-center rounded-3xl bg-white px-6 py-6 text-center"
              onSubmit={(event) => {
                event.preventDefault();
                payWithCode();
              }}
            >
              <ScannerArt className="h-24 w-auto text-brand-500" />
              <h2 className="mt-4 text-2xl font-bold">{t("scanTitle")}</h2>
              <p className="mt-1 text-base text-muted">{t("scanHint")}</p>
              <label className="mt-6 w-full max-w-md">
                <span className="sr-only">{t("payCodeLabel")}</span>
                <input
                  ref={codeInput}
                  name="payCode"
                  value={code}
                  onChange={(event) => {
                    codeStale.current = false;
                    setCode(event.target.value.replace(/[^\d\s-]/g, "").slice(0, 30));
                  }}
                  // The scanner and the on-screen keypad type here; no soft keyboard over the screen.
                  inputMode="none"
                  autoComplete="off"
                  spellCheck={false}
                  readOnly={locked}
                  placeholder={t("payCodePlaceholder")}
                  aria-label={t("payCodeLabel")}
                  data-testid="pay-code-input"
                  className="tabular h-16 w-full rounded-2xl border-2 border-line bg-canvas px-4 text-center text-xl font-bold tracking-[0.04em] xl:text-2xl xl:tracking-[0.1em] outline-none placeholder:text-lg placeholder:font-medium placeholder:tracking-normal placeholder:text-muted focus:border-brand-500 focus:bg-white"
                />
              </label>
              <span className="mt-2 flex items-center gap-1.5 text-sm text-muted" aria-live="polite">
                <span className={`size-2 rounded-full ${locked ? "bg-line" : "animate-pulse bg-emerald-500"}`} />
                {locked ? t("scannerPaused") : t("scannerReady")}
              </span>
            </form>
            <div className="flex flex-col gap-3">
              <Keypad
                extra="clear"
                disabled={locked}
                testId="pay-code-keypad"
                onDigits={(digits) => {
                  for (const digit of digits) typeCodeDigit(digit);
                }}
                onBackspace={() => {
                  codeStale.current = false;
                  setCode(codeRef.current.slice(0, -1));
                }}
                onClear={() => setCode("")}
              />
              <PrimaryButton disabled={locked || code.length === 0} busy={busy} busyLabel={t("paying")} onClick={payWithCode} testId="pay-code-submit">
                {t("payWithCode")}
              </PrimaryButton>
            </div>
          </div>
        ) : null}

        {method === "card" ? (
          <div className="flex min-h-0 flex-1 flex-col items-center justify-center rounded-3xl bg-white px-8 py-6 text-center">
            <CardArt className="h-24 w-auto" />
            <p className="mt-5 text-base font-semibold text-muted">{split ? t("cardRemainder") : t("cardAmount")}</p>
            <p className="tabular mt-1 text-5xl font-extrabold tracking-tight" data-testid="card-amount">
              {formatWon(due, locale)}
            </p>
            <p className="mt-4 max-w-md text-base text-muted">{t("cardHint")}</p>
            <div className="mt-8 w-full max-w-md">
              <PrimaryButton disabled={locked} busy={busy} busyLabel={t("paying")} onClick={payByCard} testId="card-submit">
                {split ? t("cardPayRemainder", { amount: formatWon(due, locale) }) : t("cardPay", { amount: formatWon(due, locale) })}
              </PrimaryButton>
            </div>
          </div>
        ) : null}

        {method === "cash" ? (
          <div className="grid min-h-0 flex-1 grid-cols-[1fr_260px] gap-4 xl:grid-cols-[1fr_300px]">
            <div className="flex min-h-0 flex-col rounded-3xl bg-white px-6 py-5">
              <dl className="divide-y divide-line">
                <div className="flex items-baseline justify-between py-3">
                  <dt className="text-base font-semibold text-muted">{split ? t("cashRemainder") : t("cashDue")}</dt>
                  <dd className="tabular text-2xl font-bold" data-testid="cash-due">
                    {formatWon(due, locale)}
                  </dd>
                </div>
                <div className="flex items-baseline justify-between py-3">
                  <dt className="text-base font-semibold text-muted">{t("cashTendered")}</dt>
                  <dd className={`tabular text-4xl font-extrabold tracking-tight ${tendered === 0n ? "text-line" : ""}`} data-testid="cash-tendered">
                    {formatWon(tendered, locale)}
                  </dd>
                </div>
                <div className="flex items-baseline justify-between py-3">
                  <dt className="text-base font-semibold text-muted">{t("changeDue")}</dt>
                  <dd
                    className={`tabular text-3xl font-extrabold ${tendered >= due && tendered > 0n ? "text-emerald-600" : "text-line"}`}
                    data-testid="cash-change"
                  >
                    {tendered >= due ? formatWon(tendered - due, locale) : "—"}
                  </dd>
                </div>
              </dl>
              {tendered > 0n && tendered < due ? (
                <p className="text-sm font-semibold text-red-600">{t("cashShortBy", { amount: formatWon(due - tendered, locale) })}</p>
              ) : null}
              <p className="mt-4 pb-2 text-sm font-semibold text-muted">{t("quickAmounts")}</p>
              <div className="grid grid-cols-3 gap-2">
                {cashSuggestions(due).map((amount, index) => (
                  <button
                    key={amount.toString()}
                    type="button"
                    disabled={locked}
                    onClick={() => setTendered(amount)}
                    aria-pressed={tendered === amount}
                    className="tabular min-h-14 rounded-2xl border-2 border-line px-2 text-base font-bold active:bg-canvas aria-pressed:border-brand-500 aria-pressed:bg-brand-50 aria-pressed:text-brand-700"
                  >
                    {index === 0 ? t("exactAmount") : formatWon(amount, locale)}
                  </button>
                ))}
              </div>
            </div>
            <div className="flex flex-col gap-3">
              <Keypad
                extra="00"
                disabled={locked}
                testId="cash-keypad"
                onDigits={(digits) => setTendered((amount) => appendCashDigits(amount, digits))}
                onBackspace={() => setTendered((amount) => dropCashDigit(amount))}
                onClear={() => setTendered(0n)}
              />
              <PrimaryButton disabled={locked || tendered < due} busy={busy} busyLabel={t("paying")} onClick={payByCash} testId="cash-submit">
                {t("cashPay")}
              </PrimaryButton>
            </div>
          </div>
        ) : null}
      </section>
    </div>
  );
}

/** Server messages name items in Korean; the kiosk names them in its own language from the cart. */
function withLocalNames(details: Record<string, string | number> | null, cart: KioskCart, locale: Locale) {
  if (!details || typeof details.line !== "number") return details;
  const line = cart[details.line - 1];
  return line && "item" in details ? { ...details, item: nameIn(line.item, locale) } : details;
}

function SplitChooser(props: {
  split: Split;
  total: bigint;
  locale: Locale;
  message: string;
  reason: string | null;
  disabled: boolean;
  busy: boolean;
  onCard: () => void;
  onCash: () => void;
  onCancel: () => void;
}) {
  const { split, total, locale } = props;
  const t = useTranslations("kiosk");
  const covered = total - split.shortfall;
  return (
    <div className="flex min-h-0 flex-1 flex-col items-center justify-center rounded-3xl bg-white px-8 py-6 text-center" data-testid="split-chooser">
      <p className="max-w-lg text-xl font-bold" role="status">
        {props.message}
      </p>
      {props.reason ? <p className="mt-1 text-base text-muted">{props.reason}</p> : null}
      <dl className="mt-5 grid w-full max-w-lg grid-cols-2 gap-3">
        <div className="rounded-2xl bg-canvas px-5 py-4">
          <dt className="text-sm font-semibold text-muted">{t("splitCovered")}</dt>
          <dd className="tabular mt-1 text-2xl font-bold">{formatWon(covered, locale)}</dd>
        </div>
        <div className="rounded-2xl bg-brand-50 px-5 py-4 text-brand-700">
          <dt className="text-sm font-semibold">{t("splitRemainder")}</dt>
          <dd className="tabular mt-1 text-2xl font-extrabold" data-testid="split-shortfall">
            {formatWon(split.shortfall, locale)}
          </dd>
        </div>
      </dl>
      <div className="mt-6 grid w-full max-w-lg grid-cols-2 gap-3">
        <PrimaryButton disabled={props.disabled} busy={props.busy} busyLabel={t("paying")} onClick={props.onCard} testId="split-card">
          {t("splitCard")}
        </PrimaryButton>
        <button
          type="button"
          disabled={props.disabled}
          onClick={props.onCash}
          data-testid="split-cash"
          className="min-h-16 rounded-2xl bg-ink text-lg font-bold text-white active:bg-black disabled:opacity-40"
        >
          {t("splitCash")}
        </button>
      </div>
      <button
        type="button"
        disabled={props.disabled}
        onClick={props.onCancel}
        className="mt-3 min-h-12 rounded-xl px-4 font-semibold text-muted active:bg-canvas disabled:opacity-40"
      >
        {t("splitCancel")}
      </button>
    </div>
  );
}

function MethodTab(props: { selected: boolean; disabled: boolean; onSelect: () => void; icon: "code" | "card" | "cash"; label: string }) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={props.selected}
      disabled={props.disabled && !props.selected}
      onClick={props.onSelect}
      className="flex min-h-14 items-center justify-center gap-2.5 rounded-xl text-lg font-bold text-muted active:bg-canvas disabled:opacity-40 aria-selected:bg-ink aria-selected:text-white"
    >
      <MethodIcon kind={props.icon} />
      {props.label}
    </button>
  );
}

function PrimaryButton(props: {
  children: React.ReactNode;
  disabled: boolean;
  busy: boolean;
  busyLabel: string;
  onClick: () => void;
  testId: string;
}) {
  return (
    <button
      type="button"
      disabled={props.disabled}
      onClick={props.onClick}
      data-testid={props.testId}
      aria-busy={props.busy}
      className="flex min-h-16 w-full items-center justify-center gap-2 rounded-2xl bg-brand-500 px-4 text-lg font-bold text-white active:bg-brand-600 disabled:bg-line disabled:text-muted aria-busy:bg-brand-500 aria-busy:text-white/90"
    >
      {props.busy ? (
        <>
          <span className="size-5 animate-spin rounded-full border-[3px] border-white/40 border-t-white" aria-hidden />
          {props.busyLabel}
        </>
      ) : (
        props.children
      )}
    </button>
  );
}

function MethodIcon({ kind }: { kind: "code" | "card" | "cash" }) {
  const common = { fill: "none", stroke: "currentColor", strokeWidth: 2, strokeLinecap: "round", strokeLinejoin: "round" } as const;
  return (
    <svg viewBox="0 0 24 24" className="size-6" aria-hidden>
      {kind === "code" ? (
        <>
          <path d="M4 8V5a1 1 0 0 1 1-1h3M16 4h3a1 1 0 0 1 1 1v3M20 16v3a1 1 0 0 1-1 1h-3M8 20H5a1 1 0 0 1-1-1v-3" {...common} />
          <path d="M8 9v6M11 9v6M14 9v6M17 9v6" {...common} />
        </>
      ) : kind === "card" ? (
        <>
          <rect x="3" y="5.5" width="18" height="13" rx="2.5" {...common} />
          <path d="M3 10h18M7 15h4" {...common} />
        </>
      ) : (
        <>
          <rect x="2.5" y="6" width="19" height="12" rx="2" {...common} />
          <circle cx="12" cy="12" r="2.6" {...common} />
          <path d="M6 9.5v5M18 9.5v5" {...common} />
        </>
      )}
    </svg>
  );
}

function WarningIcon({ className }: { className: string }) {
  return (
    <svg viewBox="0 0 24 24" className={className} aria-hidden>
      <circle cx="12" cy="12" r="10" fill="currentColor" />
      <path d="M12 7v6" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
      <circle cx="12" cy="16.6" r="1.4" fill="#fff" />
    </svg>
  );
}

function ScannerArt({ className }: { className: string }) {
  return (
    <svg viewBox="0 0 160 96" className={className} aria-hidden>
      <rect x="34" y="8" width="92" height="80" rx="14" fill="currentColor" opacity=".08" />
      <rect x="48" y="20" width="64" height="56" rx="8" fill="#fff" stroke="currentColor" strokeWidth="3" opacity=".9" />
      {[56, 62, 66, 72, 78, 82, 88, 94, 98, 102].map((x, index) => (
        <rect key={x} x={x} y="30" width={index % 3 === 0 ? 3 : 2} height="30" fill="#191f28" />
      ))}
      <path d="M40 45h80" stroke="#f04452" strokeWidth="3" strokeLinecap="round" />
      <path d="M24 22v-6a6 6 0 0 1 6-6h6M136 22v-6a6 6 0 0 0-6-6h-6M24 74v6a6 6 0 0 0 6 6h6M136 74v6a6 6 0 0 1-6 6h-6" fill="none" stroke="currentColor" strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}

function CardArt({ className }: { className: string }) {
  return (
    <svg viewBox="0 0 140 96" className={className} aria-hidden>
      <rect x="38" y="6" width="64" height="86" rx="12" fill="#191f28" />
      <rect x="46" y="16" width="48" height="26" rx="4" fill="#3182f6" opacity=".9" />
      {[0, 1, 2].map((row) =>
        [0, 1, 2].map((col) => <rect key={`${row}-${col}`} x={49 + col * 15} y={50 + row * 12} width="11" height="7" rx="2" fill="#fff" opacity=".35" />),
      )}
      <rect x="16" y="30" width="46" height="30" rx="5" fill="#fff" stroke="#d1d6db" strokeWidth="2" transform="rotate(-12 39 45)" />
      <rect x="20" y="38" width="38" height="5" fill="#d1d6db" transform="rotate(-12 39 45)" />
    </svg>
  );
}
