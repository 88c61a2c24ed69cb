"use client";

import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/provider";
import { describeFailure, refusalText } from "@/components/kiosk/payment-logic";
import { Actions, Result } from "@/components/pay/top-up/confirm-top-up";
import { toLocale } from "@/i18n/locales";

/** The cart waits in session storage during the PG's checkout; a paid order empties it. */
const clearSavedCarts = () => {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith("canteen.order-ahead.cart.")) sessionStorage.removeItem(key);
};

/**
 * Back from the PG with `paymentKey`, `orderId`, `amount`: the server confirms the card's
 * share and pays the order (vouchers and wallet the rest), then the order's status page
 * takes over. A reload confirms again harmlessly.
 */
export function ConfirmOrderCard({ paymentKey, orderId, amount }: { paymentKey: string; orderId: string; amount: string }) {
  const t = useTranslations("orderAhead.card");
  const tErrors = useTranslations("errors");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const router = useRouter();
  const [failure, setFailure] = useState<{ kind: "refused"; text: string } | { kind: "uncertain" } | null>(null);
  const confirm = useMutation(
    trpc.orderAhead.confirmCard.mutationOptions({
      onSuccess: (paid) => {
        clearSavedCarts();
        if (paid.order) router.replace(`/pay/order/${paid.order.id}?placed=1`);
      },
      onError: (error) => {
        const described = describeFailure(error);
        const uncertain = described.kind !== "refused" || described.messageKey === "pgNoAnswer";
        setFailure(uncertain ? { kind: "uncertain" } : { kind: "refused", text: refusalText(described, tErrors, locale) });
      },
    }),
  );
  const run = () => {
    setFailure(null);
    confirm.mutate({ paymentKey, orderId, amount });
  };
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    run();
    // Once per page load; the server confirms once however often it is asked.
  }, []);

  if (failure?.kind === "refused") {
    return (
      <Result tone="bad" testId="order-card-failed" title={t("failedTitle")}>
        <p className="mt-3 text-center text-sm break-keep text-ink">{failure.text}</p>
        <Actions primary={{ href: "/pay/order", label: t("backToOrder") }} secondary={{ href: "/pay", label: t("toHome") }} />
      </Result>
    );
  }
  if (failure?.kind === "uncertain") {
    return (
      <Result tone="wait" testId="order-card-uncertain" title={t("uncertainTitle")}>
        <p className="mt-3 text-center text-sm break-keep text-muted">{t("uncertainHint")}</p>
        <button type="button" onClick={run} className="mt-8 min-h-14 w-full rounded-2xl bg-brand-500 text-base font-bold text-white">
          {t("retry")}
        </button>
      </Result>
    );
  }
  return (
    <Result tone="wait" testId="order-card-confirming" title={t("confirming")}>
      <p className="mt-2 text-center text-sm text-muted">{t("confirmingHint")}</p>
    </Result>
  );
}

/** The PG's fail URL: records what the PG says, releases the waiting order, and says nothing was charged. */
export function OrderCardFailed({ orderId, code, message }: { orderId: string; code: string; message: string }) {
  const t = useTranslations("orderAhead.card");
  const trpc = useTRPC();
  const fail = useMutation(trpc.orderAhead.failCard.mutationOptions());
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current || !orderId || !code) return;
    sent.current = true;
    fail.mutate({ orderId, code });
  }, [orderId, code]);
  return (
    <Result tone="bad" testId="order-card-declined" title={t(code === "PAY_PROCESS_CANCELED" ? "canceledTitle" : "declinedTitle")}>
      <p className="mt-3 text-center text-base font-semibold text-ink" data-testid="order-card-nothing-charged">
        {t("nothingCharged")}
      </p>
      {message ? <p className="mt-2 text-center text-[13px] text-muted">{t("pgSays", { message })}</p> : null}
      <Actions primary={{ href: "/pay/order", label: t("backToOrder") }} secondary={{ href: "/pay", label: t("toHome") }} />
    </Result>
  );
}
