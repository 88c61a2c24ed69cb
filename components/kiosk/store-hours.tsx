"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { hoursStateAt } from "@/server/domain/stores/hours";

/**
 * The store's open/closed state in the kiosk header, quietly: the kiosk still sells outside
 * the hours (a barista may open a minute early). It follows the server's business clock,
 * measured once against this tablet's, and updates with the minute.
 */
export function KioskStoreHours(props: { openingHours: unknown; timeZone: string; serverNow: number }) {
  const t = useTranslations("storeHours");
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    const offset = props.serverNow - Date.now();
    const tick = () => setNow(new Date(Date.now() + offset));
    tick();
    const timer = setInterval(tick, 15_000);
    return () => clearInterval(timer);
  }, [props.serverNow]);
  if (!now) return null;
  const state = hoursStateAt(props.openingHours, props.timeZone, now);
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
