import { localParts } from "../time";

/** The employee's calendar: purchases and voucher use are counted by the month in Seoul. */
export const HISTORY_TIME_ZONE = "Asia/Seoul";

/** `YYYY-MM`, a month between 2000 and 2099. */
export const MONTH_PATTERN = /^20[0-9]{2}-(0[1-9]|1[0-2])$/;

/**
 * The instants a Seoul month starts and ends (end exclusive). Seoul has kept UTC+9 with no
 * daylight saving since 1988, so a fixed offset is exact for every month this app can see.
 */
export function seoulMonthRange(month: string): { from: Date; to: Date } {
  if (!MONTH_PATTERN.test(month)) throw new Error(`not a month: ${month}`);
  const [year, monthNo] = month.split("-").map(Number) as [number, number];
  const next = monthNo === 12 ? `${year + 1}-01` : `${year}-${String(monthNo + 1).padStart(2, "0")}`;
  return { from: new Date(`${month}-01T00:00:00+09:00`), to: new Date(`${next}-01T00:00:00+09:00`) };
}

/** The Seoul month (`YYYY-MM`) an instant falls in. */
export function seoulMonthOf(at: Date): string {
  return localParts(at, HISTORY_TIME_ZONE).date.slice(0, 7);
}

/** The month before or after, as `YYYY-MM`. */
export function shiftMonth(month: string, by: number): string {
  const [year, monthNo] = month.split("-").map(Number) as [number, number];
  const index = year * 12 + (monthNo - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}
