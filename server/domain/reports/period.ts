import { z } from "zod";
import { DomainError } from "../errors";

/** Reports read at most about a year at once; longer ranges are a typo or a runaway request. */
export const MAX_RANGE_DAYS = 366;

export const isoDate = z.iso.date({ error: "dateFormat" });
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "monthFormat");

const dayMs = 86_400_000;
const utc = (day: string) => Date.parse(`${day}T00:00:00Z`);
export const addDays = (day: string, days: number) => new Date(utc(day) + days * dayMs).toISOString().slice(0, 10);

/** The first and last calendar day of a month given as YYYY-MM. */
export function monthRange(month: string) {
  const [year = 2000, m = 1] = month.split("-").map(Number);
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}

/** YYYY-MM of the month before the given one. */
export function previousMonth(month: string) {
  const [year = 2000, m = 1] = month.split("-").map(Number);
  const date = new Date(Date.UTC(year, m - 2, 1));
  return date.toISOString().slice(0, 7);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** A checked inclusive range of business days. */
export function checkRange<T extends { from: string; to: string }>(input: T): T {
  if (input.to < input.from) throw new DomainError("BAD_REQUEST", "rangeReversed", "the range ends before it starts");
  if ((utc(input.to) - utc(input.from)) / dayMs + 1 > MAX_RANGE_DAYS) {
    throw new DomainError("BAD_REQUEST", "rangeTooLong", `a report covers at most ${MAX_RANGE_DAYS} days`);
  }
  return input;
}
