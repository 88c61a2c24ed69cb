"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useLocale, useTranslations } from "next-intl";
import { formatWon } from "@/lib/money";
import { toLocale, type Locale } from "@/i18n/locales";
import { useTRPC } from "@/components/trpc/provider";
import type { AppRouter } from "@/server/trpc/root";
import { RefundDetail } from "./refund-detail";
import { StatusBadge } from "./status-badge";

export type FoundOrders = inferRouterOutputs<AppRouter>["refunds"]["findOrders"];
export type FoundOrder = FoundOrders["orders"][number];

const nameIn = (row: { nameKo: string; nameEn: string }, locale: Locale) => (locale === "ko" ? row.nameKo : row.nameEn);

export function timeOf(date: Date | null, locale: Locale, timeZone: string) {
  if (!date) return "";
  return date.toLocaleTimeString(locale === "ko" ? "ko-KR" : "en-US", { hour: "2-digit", minute: "2-digit", timeZone });
}

/**
 * The counter's refund desk: today's paid orders on the left (newest first, or found by
 * pickup number), the chosen order on the right with its lines, tenders and the refund.
 * The list follows the store's order stream, so a refund on another tablet shows up here.
 */
export function RefundDesk({ initial }: { initial: FoundOrders }) {
  const t = useTranslations("refund");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const { data: today } = useQuery(trpc.refunds.findOrders.queryOptions(undefined, { initialData: initial, staleTime: 10_000 }));
  const number = /^[0-9]{1,5}$/.test(search) ? Number(search) : null;
  // Older orders than the list holds are still found by their exact number.
  const { data: exact } = useQuery(
    trpc.refunds.findOrders.queryOptions(number === null ? undefined : { pickupNumber: number }, { enabled: number !== null }),
  );

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.refunds.findOrders.pathKey() });
  }, [queryClient, trpc]);

  // Live: any order change of the store (paid, refunded elsewhere) refreshes the list.
  useEffect(() => {
    const source = new EventSource("/api/events/orders");
    source.addEventListener("order", refresh);
    return () => source.close();
  }, [refresh]);

  const orders = useMemo(() => {
    if (number === null) return today.orders;
    const matches = today.orders.filter((order) => String(order.pickupNumber).startsWith(search));
    const extra = (exact?.orders ?? []).filter((order) => !matches.some((match) => match.id === order.id));
    return [...extra, ...matches];
  }, [today, exact, number, search]);

  const selected = useMemo(
    () => [...today.orders, ...(exact?.orders ?? [])].find((order) => order.id === selectedId) ?? null,
    [today, exact, selectedId],
  );

  return (
    <div className="flex h-full min-h-0">
      <aside aria-label={t("today")} className="flex w-[300px] shrink-0 flex-col border-r border-line bg-white xl:w-[360px]">
        <div className="flex shrink-0 items-center gap-2 p-4">
          <label className="relative flex-1">
            <span className="sr-only">{t("searchLabel")}</span>
            <svg viewBox="0 0 24 24" className="pointer-events-none absolute top-1/2 left-4 size-5 -translate-y-1/2 text-muted" aria-hidden>
              <circle cx="11" cy="11" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
              <path d="M16 16l4 4" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
            <input
              data-testid="refund-search"
              inputMode="numeric"
              pattern="[0-9]*"
              autoComplete="off"
              value={search}
              onChange={(event) => setSearch(event.target.value.replace(/[^0-9]/g, "").slice(0, 5))}
              placeholder={t("searchPlaceholder")}
              className="tabular min-h-14 w-full rounded-2xl bg-canvas pr-4 pl-12 text-xl font-semibold outline-none placeholder:text-base placeholder:font-medium focus:ring-2 focus:ring-brand-500"
            />
          </label>
          {search ? (
            <button type="button" onClick={() => setSearch("")} className="min-h-14 rounded-2xl px-3 font-semibold text-muted active:bg-canvas">
              {t("clearSearch")}
            </button>
          ) : (
            <button
              type="button"
              onClick={refresh}
              aria-label={t("refresh")}
              className="flex size-14 items-center justify-center rounded-2xl text-muted active:bg-canvas"
            >
              <svg viewBox="0 0 24 24" className="size-6" aria-hidden>
                <path d="M20 11a8 8 0 1 0-2.3 5.7M20 5v6h-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
            </button>
          )}
        </div>
        <h2 className="px-5 pb-2 text-sm font-semibold text-muted">{t("today")}</h2>
        {orders.length === 0 ? (
          <p className="px-5 py-10 text-center text-muted" data-testid="refund-list-empty">
            {number !== null ? t("noMatch", { number }) : t("empty")}
          </p>
        ) : (
          <ul className="min-h-0 flex-1 space-y-1 overflow-y-auto px-3 pt-1 pb-3" data-testid="refund-orders">
            {orders.map((order) => {
              const first = order.lines[0];
              const summary = first
                ? order.lines.length > 1
                  ? t("moreItems", { first: nameIn(first, locale), count: order.lines.length - 1 })
                  : `${nameIn(first, locale)}${first.quantity > 1 ? ` ×${first.quantity}` : ""}`
                : "";
              return (
                <li key={order.id}>
                  <button
                    type="button"
                    data-testid="refund-order-row"
                    data-pickup-number={order.pickupNumber}
                    aria-current={order.id === selectedId ? "true" : undefined}
                    onClick={() => setSelectedId(order.id)}
                    className="flex min-h-[72px] w-full items-center gap-3 rounded-2xl px-3 py-2 text-left active:bg-canvas aria-[current=true]:bg-brand-50 aria-[current=true]:ring-2 aria-[current=true]:ring-brand-500"
                  >
                    <span className="tabular flex h-12 min-w-14 items-center justify-center rounded-xl bg-ink px-2 text-2xl font-extrabold text-white">
                      {order.pickupNumber}
                    </span>
                    <span className="min-w-0 flex-1">
                      <span className="flex items-baseline gap-2">
                        <span className="min-w-0 flex-1 truncate font-semibold">{summary}</span>
                        <span className="tabular shrink-0 font-bold">{formatWon(order.total, locale)}</span>
                      </span>
                      <span className="mt-0.5 flex items-center gap-2 text-sm whitespace-nowrap text-muted">
                        <span className="tabular">{timeOf(order.paidAt ?? order.createdAt, locale, today.timeZone)}</span>
                        <StatusBadge status={order.status} />
                      </span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </aside>

      <section className="min-w-0 flex-1">
        {selected ? (
          <RefundDetail
            key={selected.id}
            order={selected}
            timeZone={today.timeZone}
            locale={locale}
            onRefunded={refresh}
            onClose={() => {
              setSelectedId(null);
              setSearch("");
            }}
          />
        ) : (
          <div className="flex h-full flex-col items-center justify-center gap-4 text-center text-muted">
            <svg viewBox="0 0 48 48" className="size-16 text-line" aria-hidden>
              <path d="M12 6h24v36l-4-3-4 3-4-3-4 3-4-3-4 3z" fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
              <path d="M18 16h12M18 23h12M18 30h7" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
            </svg>
            <p className="text-lg">{t("pickHint")}</p>
          </div>
        )}
      </section>
    </div>
  );
}
