"use client";

import { useEffect, useState } from "react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { payHomeAction } from "@/server/actions/pay";
import { formatWon } from "@/lib/money";
import { toLocale } from "@/i18n/locales";
import { readHomeSnapshot, toSnapshot, writeHomeSnapshot, type HomeSnapshot } from "./device-store";
import { useOnline } from "./use-online";

/** Older than this, the figures are shown with the time they are from. */
const FRESH_MS = 2 * 60_000;

const newer = (a: HomeSnapshot | null, b: HomeSnapshot | null) => (!a ? b : !b ? a : Date.parse(a.asOf) >= Date.parse(b.asOf) ? a : b);

const mealTone = { breakfast: "bg-amber-400", lunch: "bg-brand-500", dinner: "bg-indigo-500" } as const;

/**
 * Balance and today's vouchers. The server's render comes first; online, it is refreshed and
 * kept on the phone; offline (or from the worker's cached page) the newest copy is shown with
 * the time it is from.
 */
export function HomeSummary({ userId, initial }: { userId: string; initial: HomeSnapshot }) {
  const t = useTranslations("payApp");
  const tRefusal = useTranslations("voucherRefusal");
  const format = useFormatter();
  const locale = toLocale(useLocale());
  const online = useOnline();
  const [snapshot, setSnapshot] = useState<HomeSnapshot>(initial);
  const [now, setNow] = useState<number | null>(null);

  useEffect(() => {
    setSnapshot((current) => newer(current, readHomeSnapshot(userId)) ?? current);
    setNow(Date.now());
  }, [userId]);

  // Online: refresh now and whenever the app comes back to the front, and keep the copy.
  useEffect(() => {
    if (!online) return;
    let current = true;
    const refresh = () =>
      payHomeAction()
        .then((result) => {
          if (!current || !result.ok) return;
          const fresh = toSnapshot(result.data);
          writeHomeSnapshot(userId, fresh);
          setSnapshot(fresh);
          setNow(Date.now());
        })
        .catch(() => {
          // The signal dropped mid-way: the copy on screen says what time it is from.
        });
    void refresh();
    const onVisible = () => document.visibilityState === "visible" && void refresh();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      current = false;
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [online, userId]);

  const asOf = new Date(snapshot.asOf);
  const stale = !online || (now !== null && now - asOf.getTime() > FRESH_MS);
  const won = (digits: string) => formatWon(BigInt(digits), locale);

  return (
    <div className="space-y-3">
      <section className="rounded-[28px] bg-white px-6 pt-6 pb-5 shadow-sm" aria-labelledby="wallet-title">
        <div className="flex items-center justify-between">
          <h2 id="wallet-title" className="text-sm font-semibold text-muted">{t("walletTitle")}</h2>
          {stale ? (
            <span data-testid="home-as-of" className="rounded-full bg-canvas px-2.5 py-1 text-xs font-medium text-muted">
              {t("asOf", { time: format.dateTime(asOf, { month: "numeric", day: "numeric", hour: "numeric", minute: "2-digit" }) })}
            </span>
          ) : null}
        </div>
        <p data-testid="wallet-balance" className="tabular mt-1 text-[32px] font-bold tracking-tight text-ink">{won(snapshot.walletBalance)}</p>
        <div className="mt-5 grid grid-cols-2 gap-2">
          <a href="/pay/top-up" className="flex min-h-12 items-center justify-center rounded-2xl bg-canvas text-[15px] font-semibold text-ink active:bg-line">
            {t("topUp")}
          </a>
          <a href="/pay/history" className="flex min-h-12 items-center justify-center rounded-2xl bg-canvas text-[15px] font-semibold text-ink active:bg-line">
            {t("history")}
          </a>
        </div>
      </section>

      <section className="rounded-[28px] bg-white px-6 py-5 shadow-sm" aria-labelledby="vouchers-title">
        <h2 id="vouchers-title" className="text-[17px] font-bold">{t("vouchersTitle")}</h2>
        {snapshot.vouchers.length === 0 ? (
          <p data-testid="no-vouchers" className="py-6 text-center text-sm text-muted">{t("noVouchers")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-line">
            {snapshot.vouchers.map((voucher) => {
              const usedUp = voucher.left === "0";
              const badge = usedUp
                ? { text: t("voucherUsed"), tone: "bg-canvas text-muted" }
                : voucher.refusal
                  ? { text: tRefusal(voucher.refusal), tone: "bg-canvas text-muted" }
                  : { text: t("voucherUsableNow"), tone: "bg-emerald-50 text-emerald-700" };
              return (
                <li key={voucher.grantId} data-testid="voucher" data-meal={voucher.meal} className="flex items-center gap-3 py-3.5">
                  <span className={`size-2.5 shrink-0 rounded-full ${mealTone[voucher.meal]}`} aria-hidden />
                  <div className="min-w-0 flex-1">
                    <p className="text-[15px] font-semibold">
                      {t(`meal.${voucher.meal}`)}
                      {voucher.windowStart && voucher.windowEnd ? (
                        <span className="tabular ml-2 text-[13px] font-medium text-muted">
                          {voucher.windowStart}–{voucher.windowEnd}
                        </span>
                      ) : null}
                    </p>
                    <p className={`mt-1 inline-block rounded-md px-1.5 py-0.5 text-xs font-semibold ${badge.tone}`} data-testid="voucher-status">
                      {badge.text}
                    </p>
                  </div>
                  <div className="text-right">
                    <p data-testid="voucher-left" className={`tabular text-[15px] font-bold ${usedUp ? "text-muted" : "text-ink"}`}>{won(voucher.left)}</p>
                    <p className="tabular text-xs text-muted">{t("ofAmount", { amount: won(voucher.amount) })}</p>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
