import { z } from "zod";
import { pgEnv } from "@/server/env";
import { DomainError } from "@/server/domain/errors";
import { positiveWonInput, wonInput } from "@/server/domain/money";
import { cancelTopUp } from "@/server/domain/pg/cancel-top-up";
import { noteCheckoutFailure } from "@/server/domain/pg/checkout-failure";
import { confirmPgPayment } from "@/server/domain/pg/confirm";
import { topUpOverview } from "@/server/domain/pg/list-top-ups";
import { startTopUp } from "@/server/domain/pg/start-top-up";
import { paymentProvider } from "@/server/providers/pg-factory";
import { employeeProcedure, router } from "../init";
import { idempotencyKey } from "./orders";

export const pgOrderIdInput = z.string().regex(/^[A-Za-z0-9_=.-]{6,64}$/, "not an order id of this PG");

/**
 * Where the PG sends the employee back. The browser names its origin; with APP_URL set only
 * that origin is accepted, so a checkout can never be pointed at another site.
 */
export function pgReturnUrls(origin: string, page: "/pay/top-up" | "/pay/order/card") {
  const allowed = pgEnv().APP_URL_ORIGIN;
  const base = new URL(origin).origin;
  if (allowed && base !== allowed) throw new DomainError("BAD_REQUEST", "pgBadOrigin", "this page is not served from the app's address");
  return { successUrl: `${base}${page}/success`, failUrl: `${base}${page}/fail` };
}

export const topUpRouter = router({
  /** The top-up screen: balance, limits, presets, recent card top-ups. */
  overview: employeeProcedure.query(({ ctx }) => topUpOverview({ tx: ctx.db, input: { userId: ctx.session.id } })),

  /** Stores the top-up and returns how to open the PG's checkout; nothing is charged yet. */
  start: employeeProcedure
    .input(z.object({ amount: positiveWonInput, origin: z.url({ protocol: /^https?$/ }) }).strict())
    .mutation(({ ctx, input }) =>
      startTopUp({ tx: ctx.db, provider: paymentProvider(), input: { userId: ctx.session.id, amount: input.amount, ...pgReturnUrls(input.origin, "/pay/top-up") } }),
    ),

  /** The success page: confirms at the PG and credits the wallet once. The orderId is the idempotency key. */
  confirm: employeeProcedure
    .input(z.object({ paymentKey: z.string().min(1).max(200), orderId: pgOrderIdInput, amount: wonInput }).strict())
    .mutation(({ ctx, input }) => confirmPgPayment({ db: ctx.db, provider: paymentProvider(), log: ctx.log, input: { ...input, userId: ctx.session.id } })),

  /** The fail page: records what the PG says happened (the URL's code is only shown). */
  fail: employeeProcedure
    .input(z.object({ orderId: pgOrderIdInput, code: z.string().min(1).max(100) }).strict())
    .mutation(({ ctx, input }) => noteCheckoutFailure({ db: ctx.db, provider: paymentProvider(), log: ctx.log, input: { ...input, userId: ctx.session.id } })),

  /** Gives back all (no amount) or part of an unspent card top-up. */
  cancel: employeeProcedure
    .input(z.object({ id: z.uuid(), amount: positiveWonInput.optional(), idempotencyKey }).strict())
    .mutation(({ ctx, input }) =>
      cancelTopUp({
        db: ctx.db,
        provider: paymentProvider(),
        log: ctx.log,
        input: { userId: ctx.session.id, id: input.id, amount: input.amount ?? null, idempotencyKey: input.idempotencyKey, requestId: ctx.requestId },
      }),
    ),
});
