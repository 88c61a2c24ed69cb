import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createOrder } from "@/server/domain/orders/create-order";
import { advanceOrder, cancelOrder } from "@/server/domain/orders/order-status";
import { sendAfterCommit } from "@/server/domain/push/send-after-commit";
import { pushEnv } from "@/server/env";
import { loadPickupBoard, loadQueue } from "@/server/domain/orders/queue";
import { checkoutOnce } from "@/server/domain/payments/checkout";
import { countingPayCodeFailures } from "@/server/domain/paycode/verify";
import { payOrder } from "@/server/domain/payments/pay-order";
import { resolvePayers } from "@/server/domain/payments/checkout";
import { refundOrder } from "@/server/domain/payments/refund-order";
import { cancelRefundOnTerminal } from "@/server/domain/refunds/card-refund";
import { cardTerminal } from "@/server/providers";
import { paymentProvider } from "@/server/providers/pg-factory";
import { withIdempotency } from "@/server/domain/idempotency";
import { wonInput } from "@/server/domain/money";
import { baristaProcedure, managerProcedure, publicProcedure, router } from "../init";
import { currentTime } from "@/server/clock";

/** A client-chosen key per attempt (a UUID is ideal); retries of the same attempt reuse it. */
export const idempotencyKey = z
  .string()
  .min(8, "the idempotency key is too short")
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, "the idempotency key may hold letters, digits, - and _");

// `.strict()`: a price (or anything else) sent by the client is refused, never trusted.
const orderLine = z
  .object({
    itemId: z.uuid(),
    quantity: z.number().int("quantities are whole numbers").min(1).max(99),
    optionIds: z.array(z.uuid()).max(20).default([]),
  })
  .strict();
export const lines = z.array(orderLine).min(1, "the order has no lines").max(50);

// No card here: a card share is taken by the terminal (the card router), never typed in, so
// every card sale Canteen records is one the terminal approved and a refund can cancel.
const remainder = z.discriminatedUnion("method", [
  z.object({ method: z.literal("none") }).strict(),
  z.object({ method: z.literal("cash"), tendered: wonInput }).strict(),
]);

export const payCode = z.string().trim().min(1).max(64);
/** Coupons of the (first) payer to redeem on this order. */
export const couponIds = z.array(z.uuid()).max(5).optional();

export const ordersRouter = router({
  queue: baristaProcedure.query(({ ctx }) => loadQueue({ tx: ctx.db, input: { storeId: ctx.storeId, now: currentTime() } })),

  pickupBoard: publicProcedure
    .input(z.object({ store: z.string().trim().min(1).max(40) }).strict())
    .query(({ ctx, input }) => loadPickupBoard({ tx: ctx.db, input: { storeCode: input.store, now: currentTime() } })),

  advance: baristaProcedure
    .input(z.object({ orderId: z.uuid(), to: z.enum(["preparing", "ready", "picked_up"]) }).strict())
    .mutation(async ({ ctx, input }) => {
      const { pushOutboxIds, ...order } = await ctx.db.transaction((tx) =>
        advanceOrder({ tx, input: { ...input, storeId: ctx.storeId, now: currentTime() } }),
      );
      sendAfterCommit(ctx.db, pushOutboxIds, { subject: pushEnv().VAPID_SUBJECT, log: ctx.log });
      return order;
    }),

  cancel: baristaProcedure
    .input(z.object({ orderId: z.uuid() }).strict())
    .mutation(({ ctx, input }) => cancelOrder({ tx: ctx.db, input: { ...input, storeId: ctx.storeId, now: currentTime() } })),

  create: baristaProcedure
    .input(z.object({ idempotencyKey, lines }).strict())
    .mutation(({ ctx, input }) =>
      withIdempotency(ctx.db, { scope: ctx.session.id, procedure: "orders.create", key: input.idempotencyKey, request: input }, (tx) =>
        createOrder({
          tx,
          input: { storeId: ctx.storeId, lines: input.lines, source: "kiosk", createdBy: ctx.session.id, now: currentTime() },
        }),
      ),
    ),

  checkout: baristaProcedure
    .input(z.object({ idempotencyKey, lines, payCode: payCode.optional(), remainder, couponIds, offerCoupons: z.boolean().optional() }).strict())
    .mutation(({ ctx, input }) =>
      checkoutOnce(ctx.db, {
        scope: ctx.session.id,
        key: input.idempotencyKey,
        input: {
          storeId: ctx.storeId,
          lines: input.lines,
          payers: input.payCode ? [{ payCode: input.payCode }] : [],
          remainder: input.remainder,
          couponIds: input.couponIds,
          offerCoupons: input.offerCoupons,
          actorId: ctx.session.id,
          now: currentTime(),
        },
      }),
    ),

  groupCheckout: baristaProcedure
    .input(
      z
        .object({
          idempotencyKey,
          lines,
          payCodes: z.array(payCode).min(2, "scan at least two pay codes").max(10),
          walletSplit: z.enum(["even", "first"]),
          remainder,
        })
        .strict(),
    )
    .mutation(({ ctx, input }) =>
      checkoutOnce(ctx.db, {
        scope: ctx.session.id,
        key: input.idempotencyKey,
        procedure: "orders.groupCheckout",
        input: {
          storeId: ctx.storeId,
          lines: input.lines,
          payers: input.payCodes.map((code) => ({ payCode: code })),
          walletSplit: input.walletSplit,
          remainder: input.remainder,
          actorId: ctx.session.id,
          now: currentTime(),
        },
      }),
    ),

  pay: baristaProcedure
    .input(z.object({ idempotencyKey, orderId: z.uuid(), payCode: payCode.optional(), remainder }).strict())
    .mutation(({ ctx, input }) =>
      countingPayCodeFailures(ctx.db, () =>
      withIdempotency(ctx.db, { scope: ctx.session.id, procedure: "orders.pay", key: input.idempotencyKey, request: input }, async (tx) => {
        const now = currentTime();
        const payerIds = await resolvePayers({
          tx,
          payers: input.payCode ? [{ payCode: input.payCode }] : [],
          now,
          clientKey: ctx.session.id,
        });
        return payOrder({
          tx,
          input: { orderId: input.orderId, storeId: ctx.storeId, payerIds, payersVerified: true, remainder: input.remainder, actorId: ctx.session.id, now },
        });
      }),
      ),
    ),

  // A kiosk refunds through refunds.kioskRefund, with a manager's PIN; this is the manager's own.
  refund: managerProcedure
    .input(
      z
        .object({
          idempotencyKey,
          orderId: z.uuid(),
          lines: z
            .array(z.object({ lineId: z.uuid(), quantity: z.number().int().min(1).max(99) }).strict())
            .min(1)
            .max(50)
            .optional(),
          reason: z.string().trim().min(1, "say why the order is refunded").max(200),
        })
        .strict(),
    )
    .mutation(async ({ ctx, input }) => {
      const storeId = ctx.session.storeId;
      if (!storeId) throw new TRPCError({ code: "FORBIDDEN", message: "this account has no store" });
      const refund = await withIdempotency(ctx.db, { scope: ctx.session.id, procedure: "orders.refund", key: input.idempotencyKey, request: input }, (tx) =>
        refundOrder({
          tx,
          input: {
            orderId: input.orderId,
            // A kiosk or manager refunds only their own store's orders.
            storeId,
            lines: input.lines,
            reason: input.reason,
            actorId: ctx.session.id,
            requestId: ctx.requestId,
            now: currentTime(),
          },
        }),
      );
      // The card share goes back where it was charged, as at the kiosk.
      const card = await cancelRefundOnTerminal(ctx.db, { terminal: cardTerminal(), pg: paymentProvider }, { refund, storeId, actorId: ctx.session.id });
      return { ...refund, card };
    }),
});
