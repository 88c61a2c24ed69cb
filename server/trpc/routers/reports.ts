import { z } from "zod";
import { dashboard } from "@/server/domain/reports/dashboard";
import { mealAllowanceFor, mealAllowanceHistory, setMealAllowance } from "@/server/domain/reports/meal-allowance";
import { isoDate, isoMonth } from "@/server/domain/reports/period";
import { monthlySettlement } from "@/server/domain/reports/settlement";
import { monthlyTaxReport } from "@/server/domain/reports/tax";
import { hrProcedure, router } from "../init";

const monthInput = z.object({ month: isoMonth }).strict();

/** HR's reports: the voucher dashboard, the monthly settlement with the stores, the meal-allowance tax split. */
export const reportsRouter = router({
  dashboard: hrProcedure
    .input(z.object({ from: isoDate, to: isoDate, storeId: z.uuid().nullish() }).strict())
    .query(({ ctx, input }) => dashboard({ tx: ctx.db, input })),
  settlement: hrProcedure.input(monthInput).query(({ ctx, input }) => monthlySettlement({ tx: ctx.db, input })),
  tax: hrProcedure.input(monthInput).query(({ ctx, input }) => monthlyTaxReport({ tx: ctx.db, input })),
  mealAllowance: hrProcedure.input(monthInput).query(async ({ ctx, input }) => ({
    current: await mealAllowanceFor(ctx.db, input.month),
    history: await mealAllowanceHistory(ctx.db),
  })),
  setMealAllowance: hrProcedure
    .input(
      z
        .object({
          effectiveMonth: isoMonth,
          amount: z.number({ error: "amountWhole" }).int("amountWhole").min(0, "amountNegative").max(10_000_000, "amountTooLarge"),
        })
        .strict(),
    )
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((tx) =>
        setMealAllowance({
          tx,
          input: { effectiveMonth: input.effectiveMonth, amount: BigInt(input.amount), actorId: ctx.session.id, requestId: ctx.requestId, now: new Date() },
        }),
      ),
    ),
});
