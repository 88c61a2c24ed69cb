import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  createPromotion,
  createStampProgram,
  listPromotions,
  listStampPrograms,
  loyaltyCostReport,
  setPromotionActive,
  setStampProgramActive,
  updatePromotion,
  updateStampProgram,
} from "@/server/domain/loyalty/admin";
import { couponsForPayCode, employeeIdByEmail, handOutCoupons, listHandouts, myCoupons } from "@/server/domain/loyalty/coupons";
import { myStamps } from "@/server/domain/loyalty/stamps";
import { positiveWonInput } from "@/server/domain/money";
import { quoteCart } from "@/server/domain/pricing/quote";
import { listDepartments } from "@/server/domain/people/list-departments";
import { baristaProcedure, employeeProcedure, managerProcedure, roleProcedure, router } from "../init";
import { couponIds, lines, payCode } from "./orders";
import { currentTime } from "@/server/clock";

const name = z.string().trim().min(1, "give it a name").max(60);
const ids = z.array(z.uuid()).max(100).default([]);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, "a time is HH:MM").transform((value) => (value.length === 5 ? `${value}:00` : value));
const date = z.coerce.date();

const promotionInput = z
  .object({
    nameKo: name,
    nameEn: name,
    kind: z.enum(["percent", "fixed"]),
    value: positiveWonInput,
    itemIds: ids,
    categoryIds: ids,
    startsAt: date,
    endsAt: date,
    dailyStart: time.nullable().default(null),
    dailyEnd: time.nullable().default(null),
    weekdays: z.array(z.number().int().min(1).max(7)).min(1, "choose at least one day").max(7).default([1, 2, 3, 4, 5, 6, 7]),
    perPersonDailyLimit: z.number().int().min(1).max(100).nullable().default(null),
  })
  .strict();

const stampProgramInput = z
  .object({
    nameKo: name,
    nameEn: name,
    itemIds: ids,
    categoryIds: ids,
    stampsPerItem: z.number().int().min(1).max(100).default(1),
    stampsPerReward: z.number().int().min(1).max(1000).default(10),
    earningTenders: z.array(z.enum(["voucher", "wallet", "card", "cash"])).min(1).max(4).default(["wallet", "card", "cash"]),
    rewardMaxValue: positiveWonInput,
    rewardItemIds: ids,
    rewardCategoryIds: ids,
    couponValidDays: z.number().int().min(1).max(3650).default(90),
    startsAt: date,
    endsAt: date.nullable().default(null),
  })
  .strict();

const adminProcedure = roleProcedure("store_manager", "hr_admin");

function managerStore(session: { storeId: string | null }) {
  if (!session.storeId) throw new TRPCError({ code: "FORBIDDEN", message: "this account has no store" });
  return session.storeId;
}

export const loyaltyRouter = router({
  /** The kiosk cart priced with today's promotions (and chosen coupons) before payment. */
  quote: baristaProcedure
    .input(z.object({ lines, couponIds }).strict())
    .query(({ ctx, input }) =>
      quoteCart({ tx: ctx.db, input: { storeId: ctx.storeId, lines: input.lines, payerId: null, couponIds: [], now: currentTime() } }),
    ),

  /** After a scan: whose code and which of their coupons fit the cart; the code stays unused. */
  kioskCoupons: baristaProcedure
    .input(z.object({ payCode, lines }).strict())
    .mutation(({ ctx, input }) =>
      couponsForPayCode(ctx.db, { payCode: input.payCode, storeId: ctx.storeId, lines: input.lines, now: currentTime(), clientKey: ctx.session.id }),
    ),

  /** The phone's order-ahead cart priced for the signed-in employee, coupons included. */
  myQuote: employeeProcedure
    .input(z.object({ storeId: z.uuid(), lines, couponIds }).strict())
    .query(({ ctx, input }) =>
      quoteCart({ tx: ctx.db, input: { storeId: input.storeId, lines: input.lines, payerId: ctx.session.id, couponIds: input.couponIds ?? [], now: currentTime() } }),
    ),

  myCoupons: employeeProcedure.query(({ ctx }) => myCoupons(ctx.db, { userId: ctx.session.id, now: currentTime() })),
  myStamps: employeeProcedure.query(({ ctx }) => myStamps(ctx.db, { userId: ctx.session.id })),

  promotions: managerProcedure.query(({ ctx }) => listPromotions(ctx.db, { storeId: managerStore(ctx.session) })),
  createPromotion: managerProcedure.input(promotionInput).mutation(({ ctx, input }) => {
    const storeId = managerStore(ctx.session);
    return ctx.db.transaction((tx) => createPromotion({ tx, input: { ...input, storeIds: [storeId], actorId: ctx.session.id, now: currentTime() } }));
  }),
  updatePromotion: managerProcedure.input(promotionInput.extend({ promotionId: z.uuid() })).mutation(({ ctx, input }) => {
    const storeId = managerStore(ctx.session);
    return ctx.db.transaction((tx) => updatePromotion({ tx, input: { ...input, storeId, actorId: ctx.session.id, now: currentTime() } }));
  }),
  setPromotionActive: managerProcedure
    .input(z.object({ promotionId: z.uuid(), isActive: z.boolean() }).strict())
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((tx) =>
        setPromotionActive({ tx, input: { ...input, storeId: managerStore(ctx.session), actorId: ctx.session.id, now: currentTime() } }),
      ),
    ),

  stampPrograms: managerProcedure.query(({ ctx }) => listStampPrograms(ctx.db, { storeId: managerStore(ctx.session) })),
  createStampProgram: managerProcedure.input(stampProgramInput).mutation(({ ctx, input }) => {
    const storeId = managerStore(ctx.session);
    return ctx.db.transaction((tx) => createStampProgram({ tx, input: { ...input, storeId, actorId: ctx.session.id, now: currentTime() } }));
  }),
  updateStampProgram: managerProcedure.input(stampProgramInput.extend({ programId: z.uuid() })).mutation(({ ctx, input }) => {
    const storeId = managerStore(ctx.session);
    return ctx.db.transaction((tx) => updateStampProgram({ tx, input: { ...input, storeId, actorId: ctx.session.id, now: currentTime() } }));
  }),
  setStampProgramActive: managerProcedure
    .input(z.object({ programId: z.uuid(), isActive: z.boolean() }).strict())
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((tx) =>
        setStampProgramActive({ tx, input: { ...input, storeId: managerStore(ctx.session), actorId: ctx.session.id, now: currentTime() } }),
      ),
    ),

  handouts: adminProcedure.query(({ ctx }) => listHandouts(ctx.db)),
  departments: adminProcedure.query(({ ctx }) => listDepartments({ tx: ctx.db })),
  handOut: adminProcedure
    .input(
      z
        .object({
          target: z.discriminatedUnion("kind", [
            z.object({ kind: z.literal("employee"), email: z.email().transform((value) => value.toLowerCase()) }).strict(),
            z.object({ kind: z.literal("department"), departmentId: z.uuid() }).strict(),
            z.object({ kind: z.literal("everyone") }).strict(),
          ]),
          reason: z.string().trim().min(1, "say why").max(200),
          nameKo: name,
          nameEn: name,
          maxValue: positiveWonInput,
          expiresAt: date,
        })
        .strict(),
    )
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const target =
          input.target.kind === "employee"
            ? { kind: "employee" as const, userId: await employeeIdByEmail(tx, input.target.email) }
            : input.target;
        return handOutCoupons({
          tx,
          input: {
            ...input,
            target,
            // A store manager's coupons are for their store; HR's for any store.
            storeId: ctx.session.role === "store_manager" ? managerStore(ctx.session) : null,
            actorId: ctx.session.id,
            requestId: ctx.requestId,
            now: currentTime(),
          },
        });
      }),
    ),

  /** One employee's stamp cards and history, for the counter's questions ("where did my stamps go?"). */
  employeeStamps: adminProcedure
    .input(z.object({ email: z.email() }).strict())
    .query(async ({ ctx, input }) => myStamps(ctx.db, { userId: await employeeIdByEmail(ctx.db, input.email), limit: 100 })),

  costReport: adminProcedure.query(({ ctx }) =>
    loyaltyCostReport(ctx.db, { storeId: ctx.session.role === "store_manager" ? managerStore(ctx.session) : null }),
  ),
});
