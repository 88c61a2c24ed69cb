import { asc } from "drizzle-orm";
import { z } from "zod";
import { stores } from "@/db/schema";
import { withIdempotency } from "@/server/domain/idempotency";
import { adjustVouchers, employeeVouchers, findEmployees } from "@/server/domain/vouchers/adjustments";
import {
  executeAllocation,
  listAllocationRuns,
  previewAllocation,
  revokeAllocationRun,
} from "@/server/domain/vouchers/allocation";
import { addHoliday, listHolidays, removeHoliday } from "@/server/domain/vouchers/holidays";
import { changePolicy, createPolicy, listPolicies, policyCategoryChoices } from "@/server/domain/vouchers/policies";
import { createPolicyInput, MEALS, policyTerms } from "@/server/domain/vouchers/policy-input";
import { hrProcedure, router } from "../init";
import { idempotencyKey } from "./orders";
import { currentTime } from "@/server/clock";

const isoDate = z.iso.date({ error: "dateFormat" });

const allocationInput = z
  .object({ periodStart: isoDate, periodEnd: isoDate, policyIds: z.array(z.uuid()).min(1, "policiesRequired").max(20) })
  .strict();

/** HR's meal-voucher console: policies and their versions, the holiday calendar, allocation runs, adjustments. */
export const voucherAdminRouter = router({
  policies: hrProcedure.query(({ ctx }) => listPolicies({ tx: ctx.db, input: { now: currentTime() } })),
  stores: hrProcedure.query(({ ctx }) =>
    ctx.db.select({ id: stores.id, code: stores.code, nameKo: stores.nameKo, nameEn: stores.nameEn }).from(stores).orderBy(asc(stores.code)),
  ),
  categories: hrProcedure.query(({ ctx }) => policyCategoryChoices({ tx: ctx.db })),
  createPolicy: hrProcedure.input(createPolicyInput).mutation(({ ctx, input }) =>
    ctx.db.transaction((tx) =>
      createPolicy({ tx, input: { ...input, actorId: ctx.session.id, requestId: ctx.requestId, now: currentTime() } }),
    ),
  ),
  changePolicy: hrProcedure
    .input(
      z
        .object({
          policyId: z.uuid(),
          name: z.string().trim().min(1, "nameRequired").max(60, "nameTooLong"),
          active: z.boolean(),
          terms: policyTerms,
        })
        .strict(),
    )
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((tx) =>
        changePolicy({ tx, input: { ...input, actorId: ctx.session.id, requestId: ctx.requestId, now: currentTime() } }),
      ),
    ),

  holidays: hrProcedure
    .input(z.object({ year: z.number().int().min(2000).max(2100) }).strict())
    .query(({ ctx, input }) => listHolidays({ tx: ctx.db, input })),
  addHoliday: hrProcedure
    .input(
      z
        .object({
          day: isoDate,
          nameKo: z.string().trim().min(1, "nameRequired").max(40, "nameTooLong"),
          nameEn: z.string().trim().min(1, "nameRequired").max(60, "nameTooLong"),
        })
        .strict(),
    )
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((tx) => addHoliday({ tx, input: { ...input, actorId: ctx.session.id, requestId: ctx.requestId } })),
    ),
  removeHoliday: hrProcedure
    .input(z.object({ day: isoDate }).strict())
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((tx) => removeHoliday({ tx, input: { ...input, actorId: ctx.session.id, requestId: ctx.requestId } })),
    ),

  previewAllocation: hrProcedure
    .input(allocationInput)
    .query(({ ctx, input }) => previewAllocation({ tx: ctx.db, input: { ...input, now: currentTime() } })),
  executeAllocation: hrProcedure
    .input(allocationInput.extend({ idempotencyKey }).strict())
    .mutation(({ ctx, input }) => {
      const { idempotencyKey: key, ...request } = input;
      return withIdempotency(ctx.db, { scope: ctx.session.id, procedure: "voucherAdmin.executeAllocation", key, request }, (tx) =>
        executeAllocation({ tx, input: { ...request, now: currentTime(), actorId: ctx.session.id, requestId: ctx.requestId } }),
      );
    }),
  runs: hrProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict().optional())
    .query(({ ctx, input }) => listAllocationRuns({ tx: ctx.db, input: { limit: input?.limit ?? 50 } })),
  revokeRun: hrProcedure
    .input(z.object({ idempotencyKey, runId: z.uuid() }).strict())
    .mutation(({ ctx, input }) =>
      withIdempotency(ctx.db, { scope: ctx.session.id, procedure: "voucherAdmin.revokeRun", key: input.idempotencyKey, request: input.runId }, (tx) =>
        revokeAllocationRun({ tx, input: { runId: input.runId, actorId: ctx.session.id, now: currentTime(), requestId: ctx.requestId } }),
      ),
    ),

  findEmployees: hrProcedure
    .input(z.object({ search: z.string().trim().min(1).max(100) }).strict())
    .query(({ ctx, input }) => findEmployees({ tx: ctx.db, input })),
  employeeVouchers: hrProcedure
    .input(z.object({ employeeId: z.uuid() }).strict())
    .query(({ ctx, input }) => employeeVouchers({ tx: ctx.db, input: { ...input, now: currentTime() } })),
  adjust: hrProcedure
    .input(
      z
        .object({
          idempotencyKey,
          employeeId: z.uuid(),
          direction: z.enum(["grant", "takeBack"]),
          amount: z.number({ error: "amountWhole" }).int("amountWhole").min(1, "amountPositive").max(1_000_000, "amountTooLarge"),
          reason: z.string().trim().min(2, "reasonRequired").max(200, "reasonTooLong"),
          meal: z.enum(MEALS),
          validFrom: isoDate,
          validUntil: isoDate,
        })
        .strict(),
    )
    .mutation(({ ctx, input }) => {
      const { idempotencyKey: key, ...request } = input;
      return withIdempotency(ctx.db, { scope: ctx.session.id, procedure: "voucherAdmin.adjust", key, request }, (tx) =>
        adjustVouchers({ tx, input: { ...request, amount: BigInt(request.amount), actorId: ctx.session.id, requestId: ctx.requestId } }),
      );
    }),
});
