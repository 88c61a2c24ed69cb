import { z } from "zod";
import { loadStoreMenu } from "@/server/domain/menu/store-menu";
import { listOrderAheadStores, myOrder, orderAheadFunds, placeOrderAheadOnce, storeByCode } from "@/server/domain/orders/order-ahead";
import { pgPaymentOrder, releaseUnpaidOrder, startOrderAheadCard } from "@/server/domain/orders/order-ahead-card";
import { wonInput } from "@/server/domain/money";
import { noteCheckoutFailure } from "@/server/domain/pg/checkout-failure";
import { confirmPgPayment } from "@/server/domain/pg/confirm";
import { paymentProvider } from "@/server/providers/pg-factory";
import { employeeProcedure, router } from "../init";
import { pgOrderIdInput, pgReturnUrls } from "./top-up";
import { couponIds, idempotencyKey, lines } from "./orders";
import { currentTime } from "@/server/clock";

const storeCode = z.string().trim().min(1).max(40).regex(/^[a-z0-9-]+$/, "a store code holds lowercase letters, digits and -");

/** Ordering ahead from the phone: the signed-in employee is the payer, so no pay code. */
export const orderAheadRouter = router({
  stores: employeeProcedure.query(({ ctx }) => listOrderAheadStores({ tx: ctx.db, input: { now: currentTime() } })),

  menu: employeeProcedure.input(z.object({ store: storeCode }).strict()).query(async ({ ctx, input }) => {
    const store = await storeByCode({ tx: ctx.db, input: { code: input.store, now: currentTime() } });
    const [menu, funds] = await Promise.all([
      loadStoreMenu({ tx: ctx.db, input: { storeId: store.id } }),
      orderAheadFunds({ tx: ctx.db, input: { employeeId: ctx.session.id, storeId: store.id, now: currentTime() } }),
    ]);
    return { store, menu, funds };
  }),

  funds: employeeProcedure
    .input(z.object({ storeId: z.uuid() }).strict())
    .query(({ ctx, input }) => orderAheadFunds({ tx: ctx.db, input: { employeeId: ctx.session.id, storeId: input.storeId, now: currentTime() } })),

  place: employeeProcedure
    .input(z.object({ idempotencyKey, storeId: z.uuid(), lines, couponIds }).strict())
    .mutation(({ ctx, input }) =>
      placeOrderAheadOnce(ctx.db, {
        key: input.idempotencyKey,
        input: { employeeId: ctx.session.id, storeId: input.storeId, lines: input.lines, now: currentTime(), couponIds: input.couponIds },
      }),
    ),

  /**
   * The rest by card through the PG: creates the order waiting for payment and the PG
   * payment for what vouchers and wallet do not cover; the browser then opens the checkout.
   */
  startCard: employeeProcedure
    .input(z.object({ idempotencyKey, storeId: z.uuid(), lines, couponIds, origin: z.url({ protocol: /^https?$/ }) }).strict())
    .mutation(({ ctx, input }) =>
      startOrderAheadCard(ctx.db, paymentProvider(), {
        key: input.idempotencyKey,
        input: {
          employeeId: ctx.session.id,
          storeId: input.storeId,
          lines: input.lines,
          couponIds: input.couponIds,
          now: currentTime(),
          ...pgReturnUrls(input.origin, "/pay/order/card"),
        },
      }),
    ),

  /** Back from the PG: confirms the card's share and pays the order, once however often it is called. */
  confirmCard: employeeProcedure
    .input(z.object({ paymentKey: z.string().min(1).max(200), orderId: pgOrderIdInput, amount: wonInput }).strict())
    .mutation(async ({ ctx, input }) => {
      const provider = paymentProvider();
      const confirmed = await confirmPgPayment({ db: ctx.db, provider, log: ctx.log, input: { ...input, userId: ctx.session.id } });
      return { ...confirmed, order: await pgPaymentOrder(ctx.db, confirmed.id) };
    }),

  /** The checkout came back failed: records what the PG says and releases the waiting order. */
  failCard: employeeProcedure
    .input(z.object({ orderId: pgOrderIdInput, code: z.string().min(1).max(100) }).strict())
    .mutation(async ({ ctx, input }) => {
      const outcome = await noteCheckoutFailure({ db: ctx.db, provider: paymentProvider(), log: ctx.log, input: { ...input, userId: ctx.session.id } });
      await releaseUnpaidOrder(ctx.db, input.orderId);
      return outcome;
    }),

  order: employeeProcedure
    .input(z.object({ orderId: z.uuid() }).strict())
    .query(({ ctx, input }) => myOrder({ tx: ctx.db, input: { employeeId: ctx.session.id, orderId: input.orderId } })),
});
