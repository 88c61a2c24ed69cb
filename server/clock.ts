import { clockEnv } from "./env";

let offsetMs: number | undefined;

/**
 * The instant business rules see: voucher windows, business dates, pay code steps. It is the
 * wall clock, except on a test server started with CANTEEN_TEST_CLOCK_OFFSET_MS, whose clock
 * runs at the same pace from another moment (a story set at lunchtime, whenever CI runs it).
 * Timings that only measure waiting (time-outs, delays) keep using Date.now().
 */
export function now(): Date {
  offsetMs ??= clockEnv().CANTEEN_TEST_CLOCK_OFFSET_MS;
  return new Date(Date.now() + offsetMs);
}
