"use client";

import { useTranslations } from "next-intl";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";
import type { CheckoutResult } from "./payment-panel";

/** After a group payment (함께결제): what each person's voucher and wallet paid, in scan order. */
export function PayerShares(props: { result: CheckoutResult; locale: Locale }) {
  const { result, locale } = props;
  const t = useTranslations("kiosk");
  if (result.payers.length < 2) return null;
  return (
    <section className="mt-6 w-full max-w-md rounded-3xl bg-white px-5 py-4 text-left ring-1 ring-line" data-testid="payer-shares">
      <h3 className="text-sm font-bold text-muted">{t("groupPayers")}</h3>
      <ol className="mt-2 max-h-[196px] divide-y divide-line overflow-y-auto">
        {result.payers.map((payer, index) => (
          <li key={payer.employeeId} className="flex items-center gap-3 py-2" data-testid="payer-share">
            <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-ink text-xs font-bold text-white">{index + 1}</span>
            <span className="min-w-0 flex-1 truncate text-base font-bold" data-testid="payer-name">
              {payer.name}
            </span>
            <span className="tabular shrink-0 text-sm font-semibold text-muted" data-testid="payer-amounts">
              {t("groupPayerShare", { voucher: formatWon(payer.voucher, locale), wallet: formatWon(payer.wallet, locale) })}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The terminal's approval number under the card tender, to match the slip the terminal printed. */
export function CardApprovalLine(props: { result: CheckoutResult }) {
  const t = useTranslations("kiosk");
  const approval = props.result.card?.approvalNumber;
  if (!approval) return null;
  return (
    <p className="tabular text-right text-sm text-muted" data-testid="card-approval">
      {t("approvalNumber", { number: approval })}
    </p>
  );
}
