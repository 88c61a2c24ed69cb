import { getLocale, getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { closeDayAction, openDayAction } from "@/server/actions/day";
import { toLocale } from "@/i18n/locales";
import { formatWon } from "@/lib/money";
import { AmountForm } from "@/components/kiosk-day/amount-form";
import { PrintButton } from "@/components/kiosk-day/print-button";

const kinds = ["voucher", "wallet", "card", "cash"] as const;

export default async function KioskDayPage() {
  await requireFace("kiosk");
  const api = await serverApi();
  const [summary, unresolvedVoids, t, locale] = await Promise.all([
    api.day.summary(),
    api.card.unresolvedVoids(),
    getTranslations("day"),
    getLocale().then(toLocale),
  ]);
  const won = (value: bigint | string) => formatWon(BigInt(value), locale);
  const sales = kinds.reduce((sum, kind) => sum + BigInt(summary.totals.sales[kind]), 0n);
  const refunds = kinds.reduce((sum, kind) => sum + BigInt(summary.totals.refunds[kind]), 0n);

  return (
    <div className="mx-auto h-full max-w-4xl overflow-y-auto p-6 print:max-w-[80mm] print:p-0 print:text-xs">
      <div className="flex items-baseline justify-between">
        <h1 className="text-2xl font-bold">{t("title", { date: summary.businessDate })}</h1>
        <span data-testid="day-state" className="rounded-lg bg-white px-3 py-1 text-sm font-semibold shadow-sm print:hidden">
          {summary.closed ? t("stateClosed") : summary.opened ? t("stateOpen") : t("stateNotOpen")}
        </span>
      </div>

      {!summary.opened ? (
        <section className="mt-6 rounded-2xl bg-white p-6 shadow-sm">
          <p className="mb-4 text-muted">{t("openHint")}</p>
          <AmountForm action={openDayAction} label={t("float")} submit={t("open")} testId="day-open" />
        </section>
      ) : null}

      {unresolvedVoids.length > 0 ? (
        <section role="alert" data-testid="day-unresolved-voids" className="mt-6 rounded-2xl bg-amber-50 p-6 text-amber-900 print:mt-2 print:p-0">
          <h2 className="text-lg font-bold">{t("unresolvedVoidsTitle", { count: unresolvedVoids.length })}</h2>
          <p className="mt-1 text-sm">{t("unresolvedVoidsHint")}</p>
          <ul className="tabular mt-3 space-y-1">
            {unresolvedVoids.map((entry) => (
              <li key={entry.id} className="flex justify-between gap-4">
                <span>
                  {entry.at.toLocaleTimeString(locale === "ko" ? "ko-KR" : "en-US", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Seoul" })} ·{" "}
                  {entry.approvalNumber ?? t("noApprovalNumber")} ·{" "}
                  {t(entry.cause === "refundCardCancel" ? "voidCause.refund" : "voidCause.unrecorded")}
                </span>
                <span className="font-semibold">{won(entry.amount)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="mt-6 rounded-2xl bg-white p-6 shadow-sm print:mt-2 print:rounded-none print:p-0 print:shadow-none">
        <table className="w-full text-left" data-testid="day-totals">
          <thead className="text-sm text-muted">
            <tr>
              <th className="py-2 font-medium">{t("tender")}</th>
              <th className="py-2 text-right font-medium">{t("sales")}</th>
              <th className="py-2 text-right font-medium">{t("refunds")}</th>
            </tr>
          </thead>
          <tbody className="tabular">
            {kinds.map((kind) => (
              <tr key={kind} className="border-t border-line" data-testid={`day-${kind}`}>
                <td className="py-3 font-medium">{t(`kinds.${kind}`)}</td>
                <td className="py-3 text-right">{won(summary.totals.sales[kind])}</td>
                <td className="py-3 text-right text-red-600">{won(summary.totals.refunds[kind])}</td>
              </tr>
            ))}
            <tr className="border-t-2 border-ink font-bold">
              <td className="py-3">{t("total", { orders: summary.totals.orders, refunds: summary.totals.refundCount })}</td>
              <td className="py-3 text-right" data-testid="day-sales-total">{won(sales)}</td>
              <td className="py-3 text-right text-red-600">{won(refunds)}</td>
            </tr>
          </tbody>
        </table>
      </section>

      {summary.opened ? (
        <section className="mt-6 rounded-2xl bg-white p-6 shadow-sm print:mt-2 print:rounded-none print:p-0 print:shadow-none">
          <dl className="tabular grid grid-cols-2 gap-y-2 text-lg">
            <dt className="text-muted">{t("float")}</dt>
            <dd className="text-right">{won(summary.opened.float)}</dd>
            <dt className="text-muted">{t("expectedCash")}</dt>
            <dd className="text-right font-bold" data-testid="day-expected">{won(summary.closed?.expected ?? summary.expectedCash ?? 0n)}</dd>
            {summary.closed ? (
              <>
                <dt className="text-muted">{t("countedCash")}</dt>
                <dd className="text-right">{won(summary.closed.counted)}</dd>
                <dt className="text-muted">{t("difference")}</dt>
                <dd className="text-right font-bold" data-testid="day-difference">{won(summary.closed.counted - summary.closed.expected)}</dd>
              </>
            ) : null}
          </dl>
          {summary.closed ? (
            <div className="mt-6 print:hidden">
              <PrintButton label={t("print")} />
            </div>
          ) : (
            <div className="mt-6 print:hidden">
              <AmountForm action={closeDayAction} label={t("countedCash")} submit={t("close")} testId="day-close" />
            </div>
          )}
        </section>
      ) : null}
    </div>
  );
}
