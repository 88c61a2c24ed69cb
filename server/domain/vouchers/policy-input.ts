import { z } from "zod";

/**
 * What HR fills in for a voucher policy. Shared by the tRPC router and the editor so both
 * refuse the same things; each message is a key under `hrVouchers.validation` that the
 * editor shows in the user's language.
 */
const won = (max: number) =>
  z.number({ error: "amountWhole" }).int("amountWhole").min(1, "amountPositive").max(max, "amountTooLarge");

const clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "timeFormat");
const isoDate = z.iso.date({ error: "dateFormat" });

export const MEALS = ["breakfast", "lunch", "dinner"] as const;

export const policyTerms = z
  .object({
    amount: won(100_000),
    windowStart: clock,
    windowEnd: clock,
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1, "weekdaysRequired")
      .max(7)
      .refine((days) => new Set(days).size === days.length, "weekdaysRequired"),
    includeHolidays: z.boolean(),
    storeIds: z.array(z.uuid()).min(1, "storesRequired").max(50).nullable(),
    departmentIds: z.array(z.uuid()).min(1, "departmentsRequired").max(500).nullable(),
    // Null: the voucher pays for every menu category. Optional so older callers mean "all".
    categoryIds: z
      .array(z.uuid({ error: "categoryUnknown" }), { error: "categoryUnknown" })
      .min(1, "categoriesRequired")
      .max(200)
      .refine((ids) => new Set(ids).size === ids.length, "categoryRepeated")
      .nullable()
      .default(null),
    dailyCap: won(1_000_000).nullable(),
    monthlyCap: won(10_000_000).nullable(),
    groupPaymentAllowed: z.boolean(),
    unusedValue: z.enum(["expire_at_window_end", "monthly_pool"]),
    effectiveFrom: isoDate,
  })
  .strict()
  .superRefine((terms, ctx) => {
    if (terms.windowEnd <= terms.windowStart) ctx.addIssue({ code: "custom", path: ["windowEnd"], message: "windowOrder" });
    if (terms.dailyCap !== null && terms.dailyCap < terms.amount) {
      ctx.addIssue({ code: "custom", path: ["dailyCap"], message: "capBelowAmount" });
    }
    if (terms.monthlyCap !== null && terms.monthlyCap < terms.amount) {
      ctx.addIssue({ code: "custom", path: ["monthlyCap"], message: "capBelowAmount" });
    }
  });

// The input shape: `categoryIds` may be left out (every category) by callers that predate it.
export type PolicyTerms = z.input<typeof policyTerms>;

export const createPolicyInput = z
  .object({
    name: z.string().trim().min(1, "nameRequired").max(60, "nameTooLong"),
    meal: z.enum(MEALS, { error: "mealRequired" }),
    terms: policyTerms,
  })
  .strict();

export type CreatePolicyInput = z.input<typeof createPolicyInput>;

/** The usual company meal policy: weekdays but public holidays, every store, everyone, unused value expires. */
export function weekdayMealTerms(amount: number, windowStart: string, windowEnd: string, effectiveFrom: string): PolicyTerms {
  return {
    amount,
    windowStart,
    windowEnd,
    weekdays: [1, 2, 3, 4, 5],
    includeHolidays: false,
    storeIds: null,
    departmentIds: null,
    categoryIds: null,
    dailyCap: null,
    monthlyCap: null,
    groupPaymentAllowed: true,
    unusedValue: "expire_at_window_end",
    effectiveFrom,
  };
}
