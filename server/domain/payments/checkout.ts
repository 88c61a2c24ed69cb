import type { Db, Tx } from "@/db/client";
import { verifyPayCode } from "../paycode/verify";
import { createOrder, type OrderLineInput } from "../orders/create-order";
import { payOrder, type PaymentHooks, type PaymentResult } from "./pay-order";
import type { Remainder } from "./split";

/** Who pays: the code the employee shows (production), or their id (tests and back-office tools). */
export type PayerRef = { payCode: string } | { employeeId: string } | null;

/** The pay code is verified and consumed inside the payment's transaction: a failed payment leaves it usable. */
export async function resolvePayer(args: { tx: Tx; db: Db; payer: PayerRef; now: Date; clientKey: string }) {
  if (args.payer === null) return null;
  if ("employeeId" in args.payer) return args.payer.employeeId;
  const verified = await verifyPayCode({
    tx: args.tx,
    db: args.db,
    input: { code: args.payer.payCode, now: args.now, clientKey: args.clientKey },
  });
  return verified.employeeId;
}

export type CheckoutInput = {
  storeId: string;
  lines: OrderLineInput[];
  payer: PayerRef;
  remainder: Remainder;
  actorId: string;
  now: Date;
};

/** The kiosk's one-step sale: create the order and pay it in one transaction. */
export async function checkout(args: { tx: Tx; db: Db; input: CheckoutInput; hooks?: PaymentHooks }): Promise<PaymentResult> {
  const { tx, db, input } = args;
  const payerId = await resolvePayer({ tx, db, payer: input.payer, now: input.now, clientKey: input.actorId });
  const order = await createOrder({
    tx,
    counters: db,
    input: { storeId: input.storeId, lines: input.lines, source: "kiosk", createdBy: input.actorId, now: input.now },
  });
  return payOrder({
    tx,
    input: { orderId: order.id, storeId: input.storeId, payerId, remainder: input.remainder, actorId: input.actorId, now: input.now },
    hooks: args.hooks,
  });
}
