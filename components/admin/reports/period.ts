import { addDays, MAX_RANGE_DAYS, monthRange, previousMonth } from "@/server/domain/reports/period";

type Params = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);
const isDate = (value: string | undefined): value is string => Boolean(value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)));
const isMonth = (value: string | undefined): value is string => Boolean(value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value));
const isUuid = (value: string | undefined): value is string => Boolean(value && /^[0-9a-f-]{36}$/i.test(value));

/** The presets beside the date fields, from today in Seoul. */
export function presets(today: string) {
  const thisMonth = today.slice(0, 7);
  const last = monthRange(previousMonth(thisMonth));
  return [
    { key: "presetThisMonth" as const, from: `${thisMonth}-01`, to: monthRange(thisMonth).to },
    { key: "presetLastMonth" as const, ...last },
    { key: "presetLast30" as const, from: addDays(today, -29), to: today },
  ];
}

/** The dashboard's range from the URL; this month when absent, and an error key when it cannot be used. */
export function rangeFrom(params: Params, today: string) {
  const fallback = monthRange(today.slice(0, 7));
  const from = one(params.from);
  const to = one(params.to);
  const store = one(params.store);
  const storeId = isUuid(store) ? store : null;
  if (from === undefined && to === undefined) return { ...fallback, storeId, error: null };
  if (!isDate(from) || !isDate(to)) return { ...fallback, storeId, error: "dateFormat" as const };
  if (to < from) return { ...fallback, storeId, error: "rangeReversed" as const };
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 > MAX_RANGE_DAYS) return { ...fallback, storeId, error: "rangeTooLong" as const };
  return { from, to, storeId, error: null };
}

/** The month from the URL, or the given default. */
export function monthFrom(params: Params, fallback: string) {
  const month = one(params.month);
  return isMonth(month) ? month : fallback;
}
