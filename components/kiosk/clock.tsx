"use client";

import { useEffect, useState } from "react";

/** The barista glances at the time between orders; updated every 15 s. */
export function KioskClock({ locale }: { locale: string }) {
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  if (!now) return null;
  return (
    <time className="tabular px-2 text-sm text-white/80" dateTime={now.toISOString()}>
      {now.toLocaleTimeString(locale === "ko" ? "ko-KR" : "en-US", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Seoul" })}
    </time>
  );
}
