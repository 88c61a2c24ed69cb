"use client";

import { useMemo, useState } from "react";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/provider";
import type { Purchase } from "@/server/domain/history/purchases";
import type { VoucherUse } from "@/server/domain/history/voucher-use";
import { useMyOrderEvents } from "../use-my-order-events";
import { seoulDayKey, useHistoryFormat } from "./format";
import { MonthSwitcher } from "./month-switcher";
import { PurchaseRow } from "./purchase-row";
import { VoucherSummary } from "./voucher-summary";

type Page = { purchases: Purchase[]; nextCursor: string | null };

/**
 * One month of purchases, grouped by day, with the month's voucher use on top. The server's
 * render is the first page; the employee's own order stream then keeps it current: a receipt
 * appears the moment a kiosk takes their code, and statuses change as the barista works.
 */
export function HistoryView(props: {
  month: string;
  prevMonth: string;
  nextMonth: string | null;
  initialPage: Page;
  initialVoucherUse: VoucherUse;
}) {
  const { month } = props;
  const t = useTranslations("payHistory");
  const format = useHistoryFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useInfiniteQuery(
    trpc.history.list.infiniteQueryOptions(
      { month },
      {
        getNextPageParam: (last) => last.nextCursor,
        initialData: { pages: [props.initialPage], pageParams: [null] },
      },
    ),
  );
  const vouchers = useQuery(trpc.history.voucherUse.queryOptions({ month }, { initialData: props.initialVoucherUse }));

  // Orders that arrived while this screen was open get a moment of emphasis.
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.history.pathKey() });
  useMyOrderEvents(
    (event) => {
      if (event.status === "paid") setFresh((current) => new Set(current).add(event.orderId));
      refresh();
    },
    // A payment between the render (or the cached copy shown on coming back) and the stream's
    // start, or during a drop, sends no event the page could hear: catch up on every connection.
    { onConnected: refresh },
  );

  const purchases = useMemo(() => list.data?.pages.flatMap((page) => page.purchases) ?? [], [list.data]);
  const days = useMemo(() => {
    const groups: { key: string; first: Date; purchases: Purchase[] }[] = [];
    for (const purchase of purchases) {
      const key = seoulDayKey(purchase.createdAt);
      const group = groups.at(-1);
      if (group?.key === key) group.purchases.push(purchase);
      else groups.push({ key, first: purchase.createdAt, purchases: [purchase] });
    }
    return groups;
  }, [purchases]);

  return (
    <main className="flex-1 space-y-3 px-4 pt-3 break-keep" data-testid="history">
      <MonthSwitcher month={month} label={format.month(month)} prevMonth={props.prevMonth} nextMonth={props.nextMonth} />
      <VoucherSummary use={vouchers.data} />

      {purchases.length === 0 ? (
        <section className="rounded-[28px] bg-white px-6 py-10 text-center shadow-sm" data-testid="history-empty">
          <svg viewBox="0 0 24 24" className="mx-auto size-10 text-[#c5ccd3]" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden>
            <path d="M6 3.5h12v17l-3-2-3 2-3-2-3 2zM9 8.5h6M9 12h6" strokeLinejoin="round" strokeLinecap="round" />
          </svg>
          <p className="mt-3 text-[15px] font-bold">{t("empty")}</p>
          <p className="mt-1 text-[13px] leading-relaxed text-muted">{t("emptyHint")}</p>
        </section>
      ) : (
        days.map((day) => (
          <section key={day.key} className="rounded-[28px] bg-white px-2 pt-3 pb-1 shadow-sm" data-testid="history-day" data-day={day.key}>
            <h2 className="px-4 pb-1 text-[13px] font-bold text-muted">{format.day(day.first)}</h2>
            <ul className="divide-y divide-line/70">
              {day.purchases.map((purchase) => (
                <li key={purchase.id}>
                  <PurchaseRow purchase={purchase} fresh={fresh.has(purchase.id)} />
                </li>
              ))}
            </ul>
          </section>
        ))
      )}

      {list.isError ? (
        <div className="flex items-center justify-between rounded-2xl bg-red-50 px-4 py-2 text-sm text-red-700" role="alert">
          {t("loadFailed")}
          <button type="button" onClick={() => void list.refetch()} className="min-h-12 px-2 font-bold">
            {t("retry")}
          </button>
        </div>
      ) : null}
      {list.hasNextPage ? (
        <button
          type="button"
          data-testid="history-more"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
          className="min-h-12 w-full rounded-2xl bg-white text-[15px] font-bold text-ink shadow-sm active:bg-canvas disabled:text-muted"
        >
          {list.isFetchingNextPage ? t("loadingMore") : t("loadMore")}
        </button>
      ) : null}
    </main>
  );
}
