"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";
import { useTRPC } from "@/components/trpc/provider";

/** The employee's coupons usable at this store, to apply one to the order ahead (tap again to take it off). */
export function OrderCoupons(props: {
  storeId: string;
  chosen: string | null;
  problem: string | null;
  onChoose: (couponId: string | null) => void;
  locale: Locale;
}) {
  const t = useTranslations("loyalty");
  const trpc = useTRPC();
  const { data } = useQuery(trpc.loyalty.myCoupons.queryOptions(undefined, { staleTime: 30_000 }));
  const usable = (data?.usable ?? []).filter((coupon) => coupon.storeId === null || coupon.storeId === props.storeId);
  if (usable.length === 0) return null;
  return (
    <div className="mt-3" data-testid="order-coupons">
      <p className="text-sm font-semibold text-muted">{t("myCoupons")}</p>
      <ul className="mt-1.5 space-y-1.5">
        {usable.map((coupon) => {
          const chosen = props.chosen === coupon.id;
          return (
            <li key={coupon.id}>
              <button
                type="button"
                aria-pressed={chosen}
                onClick={() => props.onChoose(chosen ? null : coupon.id)}
                data-testid="order-coupon"
                className={`flex min-h-12 w-full items-center justify-between rounded-2xl px-4 text-left text-[15px] ring-1 ${chosen ? "bg-brand-50 font-bold ring-brand-500" : "ring-line active:bg-canvas"}`}
              >
                <span>{props.locale === "ko" ? coupon.nameKo : coupon.nameEn}</span>
                <span className="text-xs text-muted">{t("upTo", { amount: formatWon(coupon.maxValue, props.locale) })}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {props.problem ? (
        <p className="mt-1.5 text-sm font-semibold text-red-600" role="alert">
          {props.problem}
        </p>
      ) : null}
    </div>
  );
}
