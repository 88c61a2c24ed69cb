"use client";

import { useTranslations } from "next-intl";
import type { HoursState } from "@/server/domain/stores/hours";

/** Today's hours and the next opening in words, for a closed store on the phone and the kiosk. */
export function useHoursText() {
  const t = useTranslations("storeHours");
  return {
    today: (state: Extract<HoursState, { kind: "open" | "closed" }>) =>
      state.today ? t("todayHours", { open: state.today.open, close: state.today.close }) : t("todayOff"),
    next: (state: Extract<HoursState, { kind: "closed" }>) => {
      const next = state.next;
      if (!next) return t("noOpening");
      if (next.inDays === 0) return t("nextToday", { time: next.open });
      if (next.inDays === 1) return t("nextTomorrow", { time: next.open });
      return t("nextWeekday", { weekday: t(`weekdays.${next.weekday}`), time: next.open });
    },
  };
}
