import { getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { MONTH_PATTERN, seoulMonthOf, shiftMonth } from "@/server/domain/history/month";
import { HistoryView } from "@/components/pay/history/history-view";
import { currentTime } from "@/server/clock";

export default async function PayHistory({ searchParams }: { searchParams: Promise<{ month?: string | string[] }> }) {
  await requireFace("pay");
  const asked = (await searchParams).month;
  const current = seoulMonthOf(currentTime());
  // A future or malformed month in the URL falls back to this month rather than an error page.
  const month = typeof asked === "string" && MONTH_PATTERN.test(asked) && asked <= current ? asked : current;
  const [api, t] = await Promise.all([serverApi(), getTranslations("payHistory")]);
  const [page, voucherUse] = await Promise.all([api.history.list({ month }), api.history.voucherUse({ month })]);
  return (
    <>
      <header className="px-6 pt-5">
        <h1 className="text-[22px] font-bold tracking-tight">{t("title")}</h1>
      </header>
      <HistoryView
        month={month}
        prevMonth={shiftMonth(month, -1)}
        nextMonth={month < current ? shiftMonth(month, 1) : null}
        initialPage={page}
        initialVoucherUse={voucherUse}
      />
    </>
  );
}
