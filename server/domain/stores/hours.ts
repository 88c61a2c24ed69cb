import type { OpeningHours } from "@/db/schema";
import { DomainError } from "../errors";
import { localParts } from "../time";

type DayHours = { open: string; close: string };

/**
 * Where a store stands against its opening hours at an instant, in its own time zone:
 * - `always`: no hours were ever set, so nothing is enforced;
 * - `open`: inside today's hours (the opening minute counts, the closing minute does not);
 * - `closed`: with today's hours (null on a day off) and the next opening, if any day opens.
 * Pure, so the kiosk's header computes it in the browser with the same rule.
 */
export type HoursState =
  | { kind: "always" }
  | { kind: "open"; today: DayHours }
  | { kind: "closed"; today: DayHours | null; next: { weekday: number; inDays: number; open: string } | null };

const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

const isDay = (value: unknown): value is DayHours =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as DayHours).open === "string" &&
  typeof (value as DayHours).close === "string" &&
  HHMM.test((value as DayHours).open) &&
  HHMM.test((value as DayHours).close) &&
  (value as DayHours).open < (value as DayHours).close;

/** The stored hours, or null when there are none we can trust (unset or malformed: never lock a store out). */
export function readOpeningHours(value: unknown): OpeningHours | null {
  if (!Array.isArray(value) || value.length !== 7) return null;
  return value.every((day) => day === null || isDay(day)) ? (value as OpeningHours) : null;
}

export function hoursStateAt(hours: unknown, timeZone: string, now: Date): HoursState {
  const week = readOpeningHours(hours);
  if (!week) return { kind: "always" };
  const local = localParts(now, timeZone);
  // localParts counts Monday = 1 … Sunday = 7; the stored week starts on Sunday (0).
  const weekday = local.isoWeekday % 7;
  const minute = local.time.slice(0, 5);
  const today = week[weekday] ?? null;
  if (today && today.open <= minute && minute < today.close) return { kind: "open", today };
  if (today && minute < today.open) return { kind: "closed", today, next: { weekday, inDays: 0, open: today.open } };
  for (let inDays = 1; inDays <= 7; inDays++) {
    const day = (weekday + inDays) % 7;
    const hoursThatDay = week[day];
    if (hoursThatDay) return { kind: "closed", today, next: { weekday: day, inDays, open: hoursThatDay.open } };
  }
  return { kind: "closed", today, next: null };
}

/** "today", "tomorrow" or the weekday (0 = Sunday) of the next opening, for messages to pick their words. */
export const openingDay = (next: { weekday: number; inDays: number }) =>
  next.inDays === 0 ? "today" : next.inDays === 1 ? "tomorrow" : String(next.weekday);

/** Orders ahead wait for the store: nobody is at the counter to make them. */
export function assertOpenForOrderAhead(store: { openingHours: unknown; timeZone: string }, now: Date) {
  const state = hoursStateAt(store.openingHours, store.timeZone, now);
  if (state.kind !== "closed") return;
  if (!state.next) throw new DomainError("PRECONDITION_FAILED", "storeClosedNoHours", "the store opens on no day of the week");
  throw new DomainError("PRECONDITION_FAILED", "storeClosed", "the store is outside its opening hours", {
    opensAt: state.next.open,
    day: openingDay(state.next),
  });
}
