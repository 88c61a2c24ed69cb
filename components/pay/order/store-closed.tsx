"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { useHoursText } from "@/components/ui/store-hours";
import type { HoursState } from "@/server/domain/stores/hours";

/** The order-ahead store's name under a way back to the store list, with a line about it below. */
export function StoreHeader(props: { storeName: string; children: ReactNode }) {
  const t = useTranslations("orderAhead");
  return (
    <header className="flex items-center gap-1 px-2 pt-3">
      <Link href="/pay/order" aria-label={t("changeStore")} className="flex size-12 items-center justify-center rounded-full active:bg-white">
        <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
          <path d="M15 5l-7 7 7 7" />
        </svg>
      </Link>
      <div className="min-w-0 flex-1">
        <h1 className="truncate text-lg font-bold" data-testid="order-store">
          {props.storeName}
        </h1>
        {props.children}
      </div>
    </header>
  );
}

/** Order ahead outside the store's hours: when it opens again instead of a menu to fill a cart from. */
export function StoreClosed(props: { storeName: string; hours: Extract<HoursState, { kind: "closed" }> }) {
  const t = useTranslations("storeHours");
  const text = useHoursText();
  return (
    <div className="flex flex-1 flex-col">
      <StoreHeader storeName={props.storeName}>
        <p className="text-xs font-semibold text-muted">{t("closed")}</p>
      </StoreHeader>
      <main className="flex-1 px-4 pt-4 pb-24">
        <section className="rounded-3xl bg-white px-6 pt-8 pb-6 text-center shadow-sm" data-testid="store-closed">
          <span aria-hidden className="mx-auto flex size-16 items-center justify-center rounded-full bg-canvas text-muted">
            <svg viewBox="0 0 24 24" className="size-8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
              <circle cx="12" cy="12" r="9" />
              <path d="M12 7v5l3 2" />
            </svg>
          </span>
          <h2 className="mt-4 text-xl font-bold break-keep">{t("closedTitle")}</h2>
          <p className="mt-2 text-[15px] break-keep text-muted">{t("closedBody", { store: props.storeName })}</p>
          <ul className="mt-6 space-y-1.5 rounded-2xl bg-canvas px-5 py-4 text-[15px]">
            <li data-testid="closed-today">{text.today(props.hours)}</li>
            <li className="font-bold text-brand-600" data-testid="closed-next">
              {text.next(props.hours)}
            </li>
          </ul>
          <Link href="/pay/order" className="mt-5 flex min-h-12 items-center justify-center rounded-2xl bg-ink font-semibold text-white active:bg-black">
            {t("pickOtherStore")}
          </Link>
        </section>
      </main>
    </div>
  );
}
