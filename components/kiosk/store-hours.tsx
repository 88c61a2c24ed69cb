"use client";

import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/provider";
import type { OpeningHours } from "@/db/schema";
import { hoursStateAt } from "@/server/domain/stores/hours";

/**
 * The store's open/closed state in the kiosk header, quietly: the kiosk still sells outside
 * the hours (a barista may open a minute early). It follows the server's business clock,
 * measured against this tablet's at each fetch, and updates with the minute and with the
 * manager's changes.
 */
export function KioskStoreHours(props: { initial: { openingHours: OpeningHours | null; timeZone: string; now: number } }) {
  const t = useTranslations("storeHours");
  const trpc = useTRPC();
  // Refetched when the menu stream says the hours changed (useMenuEvents).
  const { data: hours } = useQuery({ ...trpc.menu.hours.queryOptions(), initialData: props.initial, staleTime: Infinity });
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    const offset = hours.now - Date.now();
    const tick = () => setNow(new Date(Date.now() + offset));
    tick();
    const timer = setInterval(tick, 15_000);
    return () => clearInterval(timer);
  }, [hours.now]);
  if (!now) return null;
  const state = hoursStateAt(hours.openingHours, hours.timeZone, now);
  if (state.kind === "always") return null;
  const text =
    state.kind === "open"
      ? t("kioskOpen", { close: state.today.close })
      : state.next?.inDays === 0
        ? t("kioskBefore", { time: state.next.open })
        : t("kioskAfter");
  return (
    <span
      data-testid="kiosk-hours"
      data-state={state.kind}
      aria-label={`${t("kioskLabel")}: ${text}`}
      className="flex items-center gap-1 px-2 text-[11px] font-medium text-white/65"
    >
      <span aria-hidden className={`size-1.5 rounded-full ${state.kind === "open" ? "bg-emerald-400" : "bg-amber-400"}`} />
      {text}
    </span>
  );
}
