"use client";

import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { useTranslations } from "next-intl";
import { cartTotal, checkoutLines } from "@/lib/cart";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";
import type { AppRouter } from "@/server/trpc/root";
import { useTRPC } from "@/components/trpc/provider";
import { CardTab, SandboxTerminalControl, type CardView } from "./card-tab";
import { GroupTab, type WalletSplit } from "./group-tab";
import { Keypad } from "./keypad";
import {
  addGroupCode,
  appendCashDigits,
  appendPayCodeDigit,
  cashSuggestions,
  codeIndexOfDevice,
  describeFailure,
  displayDetails,
  dropCashDigit,
  newIdempotencyKey,
  payCodeProblem,
  refusalText,
  retriesSilently,
  type PaymentFailure,
} from "./payment-logic";
import { CameraIcon, MethodIcon, PrimaryButton, ScannerArt, WarningIcon } from "./payment-parts";
import { CartLines } from "./cart-lines";
import { nameIn, type KioskCart } from "./types";
import { useKeyboardWedge } from "./use-keyboard-wedge";
import type { CartQuote } from "./use-cart-quote";
import { CouponOffer, type OfferedCoupon } from "./coupon-offer";

// Loaded when the camera first opens, as its decoder is: the kiosk's first load stays as it
// was. React's lazy, not next/dynamic, whose own loader would add more than it saves.
const CameraScanner = lazy(() => import("./camera-scanner").then((module) => ({ default: module.CameraScanner })));

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;
/** A paid sale as the result screen shows it; the card paths add the terminal's approval. */
export type CheckoutResult = Outputs["orders"]["checkout"] & { card?: Outputs["card"]["checkout"]["card"] };

/** One payment attempt and the procedure that takes it; a retry re-sends it as it is. */
type Attempt =
  | { via: "checkout"; input: Inputs["orders"]["checkout"] }
  | { via: "group"; input: Inputs["orders"]["groupCheckout"] }
  | { via: "card"; input: Inputs["card"]["checkout"] }
  | { via: "cardGroup"; input: Inputs["card"]["groupCheckout"] };

type Method = "code" | "card" | "cash" | "group";
/**
 * After pay codes fell short: the same codes pay again with the rest by card or cash. One
 * code from the pay-code tab, or a group (함께결제) with its wallet split.
 */
/** `excluded`: the items the payers' vouchers may not pay for (policy categories), in both languages. */
type Split = {
  payCodes: string[];
  group: boolean;
  walletSplit: WalletSplit;
  shortfall: bigint;
  voucherRefusal: string | null;
  excluded: { ko: string; en: string } | null;
};

/** Answers the card tab shows as a screen of their own rather than as an error line. */
const CARD_VIEW_KEYS = new Set(["cardDeclined", "cardTimedOut", "cardVoidFailed", "cardTimeoutUnresolved"]);
/** The approval could not be voided: the barista must see it and acknowledge it. */
const MANUAL_VOID_KEYS = new Set(["cardVoidFailed", "cardTimeoutUnresolved"]);

const codesOf = (attempt: Attempt): string[] =>
  attempt.via === "group" || attempt.via === "cardGroup" ? attempt.input.payCodes : attempt.input.payCode ? [attempt.input.payCode] : [];
const walletSplitOf = (attempt: Attempt): WalletSplit =>
  attempt.via === "group" || attempt.via === "cardGroup" ? attempt.input.walletSplit : "first";

/**
 * Taking payment for the cart: pay code (scanner or typed), card at the terminal, cash, or
 * several pay codes together (함께결제); pay codes that fall short are topped up by card or
 * cash. One idempotency key per attempt; a retry after no answer re-sends the same attempt,
 * so nothing is charged twice.
 */
export function PaymentPanel(props: {
  cart: KioskCart;
  quote: CartQuote | null;
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
  const queryClient = useQueryClient();
  // The server's price with today's promotions; the sale itself prices again.
  const total = props.quote?.total ?? cartTotal(cart);

  const [method, setMethod] = useState<Method>("code");
  const [code, setCodeState] = useState("");
  const codeRef = useRef("");
  // After a refused code the next digit starts a new one (a scanner then simply scans again).
  const codeStale = useRef(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const [split, setSplit] = useState<Split | null>(null);
  const [tendered, setTendered] = useState(0n);
  const [notice, setNotice] = useState<PaymentFailure | null>(null);

  // Group payment: codes in scan order (refs too, as a scanner can send the next code before a re-render).
  const [groupCodes, setGroupCodesState] = useState<string[]>([]);
  const groupCodesRef = useRef<string[]>([]);
  const [groupBuffer, setGroupBufferState] = useState("");
  const groupBufferRef = useRef("");
  const [walletSplit, setWalletSplit] = useState<WalletSplit>("even");
  const [refusedIndex, setRefusedIndex] = useState(-1);
  const [groupProblem, setGroupProblem] = useState<"payCodeMalformed" | "groupCodeRepeated" | "groupFull" | null>(null);
  const groupInput = useRef<HTMLInputElement>(null);
  // The camera view, and which tab opened it: that tab takes what it reads.
  const [camera, setCamera] = useState<"code" | "group" | null>(null);
  const tCamera = useTranslations("kioskCamera");

  // Only when there was no answer, with the same variables and so the same key.
  const retrying = {
    retry: (failures: number, error: unknown) => failures < 2 && retriesSilently(error),
    retryDelay: (failures: number) => Math.min(4_000, 800 * 2 ** failures),
  };
  const checkout = useMutation(trpc.orders.checkout.mutationOptions(retrying));
  // After a scan: the payer's coupons that fit the cart (the code stays unused until the sale).
  const peekCoupons = useMutation(trpc.loyalty.kioskCoupons.mutationOptions());
  const [offer, setOffer] = useState<{ payCode: string; name: string; coupons: OfferedCoupon[] } | null>(null);
  const chosenCoupons = useRef<string[]>([]);
  const groupCheckout = useMutation(trpc.orders.groupCheckout.mutationOptions(retrying));
  const cardCheckout = useMutation(trpc.card.checkout.mutationOptions(retrying));
  const cardGroupCheckout = useMutation(trpc.card.groupCheckout.mutationOptions(retrying));
  const cardBusy = cardCheckout.isPending || cardGroupCheckout.isPending;
  const busy = checkout.isPending || groupCheckout.isPending || cardBusy || peekCoupons.isPending;
  const inFlight = useRef(false);
  const attempt = useRef<Attempt | null>(null);
  const uncertain = notice?.kind === "uncertain";
  const refusedKey = notice?.kind === "refused" ? notice.messageKey : null;
  const mustAcknowledge = refusedKey !== null && MANUAL_VOID_KEYS.has(refusedKey);
  const locked = busy || uncertain || mustAcknowledge;

  const setCode = useCallback((next: string) => {
    codeRef.current = next;
    setCodeState(next);
  }, []);

  const setGroupCodes = useCallback((next: string[]) => {
    groupCodesRef.current = next;
    setGroupCodesState(next);
  }, []);

  const setGroupBuffer = useCallback((next: string) => {
    groupBufferRef.current = next;
    setGroupBufferState(next);
  }, []);

  const focusCode = useCallback((selectAll: boolean) => {
    const input = codeInput.current;
    if (!input) return;
    input.focus({ preventScroll: true });
    if (selectAll) input.select();
  }, []);

  function send(next: Attempt) {
    // A ref, not state: a double tap lands before React re-renders the disabled button.
    if (inFlight.current) return;
    inFlight.current = true;
    setNotice(null);
    const atTerminal = next.via === "card" || next.via === "cardGroup";
    const handlers = {
      onSuccess: (result: CheckoutResult) => onPaid(result),
      onError: (error: unknown) => failed(error, next),
      onSettled: () => {
        inFlight.current = false;
        // The sandbox terminal goes back to approving after each charge.
        if (atTerminal) void queryClient.invalidateQueries({ queryKey: trpc.card.terminal.queryKey() });
      },
    };
    switch (next.via) {
      case "checkout":
        checkout.mutate(next.input, handlers);
        break;
      case "group":
        groupCheckout.mutate(next.input, handlers);
        break;
      case "card":
        cardCheckout.mutate(next.input, handlers);
        break;
      case "cardGroup":
        cardGroupCheckout.mutate(next.input, handlers);
        break;
    }
  }

  function start(build: (idempotencyKey: string) => Attempt) {
    if (inFlight.current || locked) return;
    const next = build(newIdempotencyKey());
    attempt.current = next;
    send(next);
  }

  function retrySameAttempt() {
    if (attempt.current) send(attempt.current);
  }

  function failed(error: unknown, sent: Attempt) {
    const failure = describeFailure(error);
    setNotice(failure);
    if (failure.kind !== "refused") return;
    const { messageKey, details } = failure;
    const payCodes = codesOf(sent);
    if (messageKey === "couponsAvailable" && sent.via === "checkout" && sent.input.payCode) {
      setNotice(null);
      offerCouponsFor(sent.input.payCode);
      return;
    }
    const group = sent.via === "group" || sent.via === "cardGroup";
    const remainderNone = (sent.via === "checkout" || sent.via === "group") && sent.input.remainder.method === "none";
    if (messageKey === "insufficientBalance" && payCodes.length > 0 && remainderNone) {
      const shortfall = typeof details?.shortfall === "number" ? BigInt(details.shortfall) : null;
      if (shortfall !== null && shortfall > 0n) {
        const refusal = typeof details?.voucherRefusal === "string" ? details.voucherRefusal : null;
        const excluded =
          typeof details?.voucherExcludedKo === "string" && typeof details.voucherExcludedEn === "string"
            ? { ko: details.voucherExcludedKo, en: details.voucherExcludedEn }
            : null;
        setSplit({ payCodes, group, walletSplit: walletSplitOf(sent), shortfall, voucherRefusal: refusal, excluded });
        setTendered(0n);
      }
      return;
    }
    const codeRefused = messageKey.startsWith("payCode") || messageKey === "payerNotFound" || messageKey === "payerSuspended";
    if (group && (codeRefused || messageKey === "groupPayerRepeated")) {
      // The group stays; the code the server named is marked to be taken out and scanned again.
      setSplit(null);
      setMethod("group");
      setRefusedIndex(codeIndexOfDevice(payCodes, details?.deviceNo));
    } else if (codeRefused) {
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
    // A split belongs to the codes that fell short: another way of scanning starts over.
    if (split && ((next === "code" && split.group) || (next === "group" && !split.group))) setSplit(null);
    // A refusal belongs to the attempt it answered; an unanswered one stays until resolved.
    setNotice((current) => (current?.kind === "refused" && !MANUAL_VOID_KEYS.has(current.messageKey) ? null : current));
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
    chosenCoupons.current = [];
    setOffer(null);
    // First try: if the payer has coupons for this cart, the server pays nothing and says so.
    start((idempotencyKey) => ({ via: "checkout", input: { idempotencyKey, lines, payCode, remainder: { method: "none" }, offerCoupons: true } }));
  }

  /** The payer has coupons: which ones (the code is checked again and stays unused). */
  function offerCouponsFor(payCode: string) {
    peekCoupons.mutate(
      { payCode, lines },
      {
        onSuccess: (found) => {
          if (found.coupons.length > 0) setOffer({ payCode, name: found.name, coupons: found.coupons });
          else payCodeWithCoupons(payCode, []);
        },
        onError: (error) => failed(error, { via: "checkout", input: { idempotencyKey: "peek", lines, payCode, remainder: { method: "none" } } }),
      },
    );
  }

  function payCodeWithCoupons(payCode: string, couponIds: string[]) {
    setOffer(null);
    chosenCoupons.current = couponIds;
    start((idempotencyKey) => ({
      via: "checkout",
      input: { idempotencyKey, lines, payCode, remainder: { method: "none" }, ...(couponIds.length ? { couponIds } : {}) },
    }));
  }

  /** The chosen coupons go with the same code when card or cash pays the rest. */
  const couponsFor = (payCode: string | undefined) => (payCode && chosenCoupons.current.length ? { couponIds: chosenCoupons.current } : {});

  const due = split ? split.shortfall : total;

  function payByCard() {
    setMethod("card");
    if (split?.group) {
      const { payCodes, walletSplit: shares } = split;
      start((idempotencyKey) => ({ via: "cardGroup", input: { idempotencyKey, lines, payCodes, walletSplit: shares } }));
      return;
    }
    const payCode = split?.payCodes[0];
    start((idempotencyKey) => ({ via: "card", input: { idempotencyKey, lines, ...(payCode ? { payCode } : {}), ...couponsFor(payCode) } }));
  }

  function payByCash() {
    if (tendered < due) return;
    if (split?.group) {
      const { payCodes, walletSplit: shares } = split;
      start((idempotencyKey) => ({
        via: "group",
        input: { idempotencyKey, lines, payCodes, walletSplit: shares, remainder: { method: "cash", tendered } },
      }));
      return;
    }
    const payCode = split?.payCodes[0];
    start((idempotencyKey) => ({
      via: "checkout",
      input: { idempotencyKey, lines, ...(payCode ? { payCode } : {}), ...couponsFor(payCode), remainder: { method: "cash", tendered } },
    }));
  }

  function payTogether() {
    const payCodes = groupCodesRef.current;
    if (payCodes.length < 2) return;
    setRefusedIndex(-1);
    setGroupProblem(null);
    start((idempotencyKey) => ({ via: "group", input: { idempotencyKey, lines, payCodes, walletSplit, remainder: { method: "none" } } }));
  }

  function typeCodeDigit(digit: string) {
    const base = codeStale.current ? "" : codeRef.current;
    codeStale.current = false;
    setCode(appendPayCodeDigit(base, digit));
  }

  function typeGroupDigit(digit: string) {
    setGroupBuffer(appendPayCodeDigit(groupBufferRef.current, digit));
  }

  function addToGroup() {
    const added = addGroupCode(groupCodesRef.current, groupBufferRef.current);
    setGroupBuffer("");
    if (!added.ok) {
      setGroupProblem(added.problem);
      return;
    }
    setGroupProblem(null);
    setGroupCodes(added.codes);
    // Another person joined: what fell short before no longer holds.
    if (split?.group) setSplit(null);
    setNotice((current) => (current?.kind === "refused" ? null : current));
  }

  function removeFromGroup(index: number) {
    setGroupCodes(groupCodesRef.current.filter((_, position) => position !== index));
    setRefusedIndex((current) => (current === index ? -1 : current > index ? current - 1 : current));
    if (split?.group) setSplit(null);
    setNotice((current) => (current?.kind === "refused" ? null : current));
  }

  // A camera read takes the same path as a scanner's digits and Enter.
  function scannedByCamera(payCode: string) {
    const target = camera;
    setCamera(null);
    if (target === "group") {
      setGroupBuffer(payCode);
      addToGroup();
      return;
    }
    codeStale.current = false;
    setCode(payCode);
    payWithCode();
  }

  function closeCamera() {
    const target = camera;
    setCamera(null);
    requestAnimationFrame(() => (target === "group" ? groupInput.current?.focus({ preventScroll: true }) : focusCode(false)));
  }

  // The scanner may fire on any tab: on the group tab it adds a person, elsewhere it pays by code.
  useKeyboardWedge({
    enabled: !locked,
    onDigit: (digit) => {
      if (method === "group" || split?.group) {
        if (split) setSplit(null);
        setMethod("group");
        typeGroupDigit(digit);
        return;
      }
      if (split) setSplit(null);
      setMethod("code");
      typeCodeDigit(digit);
    },
    onEnter: () => {
      if (method === "group") {
        if (groupBufferRef.current.length === 0) return false;
        addToGroup();
        return true;
      }
      if (codeRef.current.length === 0) return false;
      payWithCode();
      return true;
    },
  });

  const splitHere = split !== null && method === (split.group ? "group" : "code");

  useEffect(() => {
    if (method === "code" && !splitHere) focusCode(false);
    if (method === "group" && !splitHere) groupInput.current?.focus({ preventScroll: true });
  }, [method, splitHere, focusCode]);

  const noticeText =
    notice?.kind === "refused"
      ? refusalText({ ...notice, details: withLocalNames(notice.details, cart, locale) }, tErrors, locale)
      : null;
  const voucherReason = (reason: unknown) =>
    typeof reason === "string" && tRefusal.has(reason) ? tRefusal(reason) : null;
  const cardVoided = notice?.kind === "refused" && typeof notice.details?.cardVoided === "string" ? notice.details.cardVoided : null;

  const cardView: CardView = cardBusy
    ? { kind: "waiting" }
    : refusedKey === "cardDeclined" && notice?.kind === "refused"
      ? { kind: "declined", reason: typeof notice.details?.reason === "string" ? notice.details.reason : "" }
      : refusedKey === "cardTimedOut"
        ? { kind: "timedOut" }
        : mustAcknowledge && noticeText
          ? { kind: "manualVoid", message: noticeText }
          : { kind: "idle" };
  const showNotice =
    noticeText !== null &&
    !(splitHere && refusedKey === "insufficientBalance") &&
    !(method === "card" && refusedKey !== null && CARD_VIEW_KEYS.has(refusedKey));

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
        <CartLines
          cart={cart}
          locale={locale}
          discounts={props.quote?.discounts}
          className="min-h-0 flex-1 divide-y divide-line overflow-y-auto border-t border-line px-6"
        />
      </section>

      <section className="flex min-w-0 flex-1 flex-col gap-4 p-5">
        <div role="tablist" aria-label={t("paymentMethod")} className="grid shrink-0 grid-cols-4 gap-2 rounded-2xl bg-white p-1.5 shadow-[0_1px_2px_rgb(0_0_0/0.05)]">
          <MethodTab selected={method === "code"} disabled={locked} onSelect={() => selectMethod("code")} icon="code" label={t("methodCode")} />
          <MethodTab selected={method === "card"} disabled={locked} onSelect={() => selectMethod("card")} icon="card" label={t("methodCard")} />
          <MethodTab selected={method === "cash"} disabled={locked} onSelect={() => selectMethod("cash")} icon="cash" label={t("methodCash")} />
          <MethodTab selected={method === "group"} disabled={locked} onSelect={() => selectMethod("group")} icon="group" label={t("methodGroup")} />
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
        {showNotice ? (
          <div role="alert" data-testid="payment-error" className="flex shrink-0 items-start gap-3 rounded-2xl bg-red-50 px-5 py-4 text-red-700 ring-1 ring-red-200">
            <WarningIcon className="mt-0.5 size-6 shrink-0 text-red-500" />
            <div>
              <p className="text-base font-bold">{noticeText}</p>
              {notice?.kind === "refused" && voucherReason(notice.details?.voucherRefusal) ? (
                <p className="mt-0.5 text-sm text-red-600">{voucherReason(notice.details?.voucherRefusal)}</p>
              ) : null}
              {cardVoided ? (
                <p className="mt-0.5 text-sm font-semibold text-red-600" data-testid="card-voided-note">
                  {t("cardVoidedNote", { approvalNumber: cardVoided })}
                </p>
              ) : null}
            </div>
          </div>
        ) : null}

        {splitHere && split ? (
          <SplitChooser
            split={split}
            total={total}
            locale={locale}
            message={tErrors("insufficientBalance", displayDetails({ shortfall: Number(split.shortfall) }, locale))}
            reason={voucherReason(split.voucherRefusal)}
            disabled={locked}
            onCard={payByCard}
            onCash={() => selectMethod("cash")}
            onCancel={() => {
              setSplit(null);
              setNotice(null);
              if (!split.group) setCode("");
            }}
          />
        ) : null}

        {offer && method === "code" && !splitHere ? (
          <CouponOffer
            name={offer.name}
            coupons={offer.coupons}
            locale={locale}
            disabled={locked}
            onUse={(couponId) => payCodeWithCoupons(offer.payCode, [couponId])}
            onSkip={() => payCodeWithCoupons(offer.payCode, [])}
            onCancel={() => {
              setOffer(null);
              setCode("");
            }}
          />
        ) : null}

        {method === "code" && !splitHere && !offer ? (
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
              <button
                type="button"
                disabled={locked}
                onClick={() => setCamera("code")}
                data-testid="camera-open"
                className="mt-5 flex min-h-14 items-center gap-2.5 rounded-2xl border-2 border-line px-6 text-lg font-bold active:bg-canvas disabled:opacity-40"
              >
                <CameraIcon className="size-6 text-brand-500" />
                {tCamera("open")}
              </button>
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
          <CardTab
            view={cardView}
            due={due}
            remainder={split !== null}
            locale={locale}
            disabled={locked}
            onPay={payByCard}
            onCash={() => selectMethod("cash")}
            onDismiss={() => setNotice(null)}
          />
        ) : null}

        {method === "group" && !splitHere ? (
          <GroupTab
            codes={groupCodes}
            buffer={groupBuffer}
            walletSplit={walletSplit}
            refusedIndex={refusedIndex}
            problem={groupProblem === null ? null : groupProblem === "payCodeMalformed" ? tErrors(groupProblem) : t(groupProblem)}
            locked={locked}
            busy={groupCheckout.isPending}
            inputRef={groupInput}
            onBufferChange={setGroupBuffer}
            onDigit={typeGroupDigit}
            onBackspace={() => setGroupBuffer(groupBufferRef.current.slice(0, -1))}
            onClearBuffer={() => setGroupBuffer("")}
            onAdd={addToGroup}
            onCamera={() => setCamera("group")}
            onRemove={removeFromGroup}
            onSplitChange={setWalletSplit}
            onPay={payTogether}
          />
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

      {camera ? (
        <Suspense fallback={<div className="fixed inset-0 z-50 bg-[#0b0d10]" aria-hidden />}>
          <CameraScanner title={camera === "group" ? tCamera("titleGroup") : tCamera("titleCode")} onCode={scannedByCamera} onClose={closeCamera} />
        </Suspense>
      ) : null}
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
  onCard: () => void;
  onCash: () => void;
  onCancel: () => void;
}) {
  const { split, total, locale } = props;
  const t = useTranslations("kiosk");
  const tCategories = useTranslations("voucherCategories");
  const covered = total - split.shortfall;
  return (
    <div className="flex min-h-0 flex-1 flex-col items-center justify-center rounded-3xl bg-white px-8 py-6 text-center" data-testid="split-chooser">
      <p className="max-w-lg text-xl font-bold" role="status">
        {props.message}
      </p>
      {props.reason ? <p className="mt-1 text-base text-muted">{props.reason}</p> : null}
      {split.excluded ? (
        <p className="mt-1 max-w-lg text-base font-semibold text-amber-700" data-testid="voucher-excluded">
          {tCategories("excludedItems", { items: locale === "ko" ? split.excluded.ko : split.excluded.en })}
        </p>
      ) : null}
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
        <PrimaryButton disabled={props.disabled} busy={false} busyLabel="" onClick={props.onCard} testId="split-card">
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
        {split.group ? t("groupSplitCancel") : t("splitCancel")}
      </button>
      <SandboxTerminalControl disabled={props.disabled} />
    </div>
  );
}

function MethodTab(props: { selected: boolean; disabled: boolean; onSelect: () => void; icon: "code" | "card" | "cash" | "group"; label: string }) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={props.selected}
      disabled={props.disabled && !props.selected}
      onClick={props.onSelect}
      className="flex min-h-14 items-center justify-center gap-2 rounded-xl text-lg font-bold text-muted active:bg-canvas disabled:opacity-40 aria-selected:bg-ink aria-selected:text-white"
    >
      <MethodIcon kind={props.icon} />
      {props.label}
    </button>
  );
}
