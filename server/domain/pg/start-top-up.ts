import { randomBytes } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { pgPayments } from "@/db/schema";
import type { PaymentProvider, PgCheckout } from "@/server/providers/payment-provider";
import { checkTopUpLimits } from "./limits";
import { walletBalance } from "./purposes";

/** The name the PG's page and the card statement show. */
export const TOP_UP_ORDER_NAME = "Canteen 지갑 충전";

export type StartedTopUp = { id: string; orderId: string; orderName: string; amount: bigint; checkout: PgCheckout };

/** Toss's orderId: 6–64 characters of letters, digits, `-` and `_`; ours says what it is for. */
export function newPgOrderId(prefix: "topup" | "order") {
  return `${prefix}_${randomBytes(18).toString("base64url")}`;
}

/**
 * Starts a card top-up: checks the limits, stores the payment as `ready` with a fresh orderId
 * and the amount (the confirm must carry exactly this amount), and returns what the browser
 * needs to open the PG's checkout. Nothing is charged until the employee pays there and
 * Canteen confirms.
 */
export async function startTopUp(args: {
  tx: DbOrTx;
  provider: PaymentProvider;
  input: { userId: string; amount: bigint; successUrl: string; failUrl: string };
}): Promise<StartedTopUp> {
  const { tx, provider, input } = args;
  checkTopUpLimits(input.amount, await walletBalance(tx, input.userId));
  const orderId = newPgOrderId("topup");
  const [row] = await tx
    .insert(pgPayments)
    .values({
      pgOrderId: orderId,
      provider: provider.name,
      purpose: "top_up",
      userId: input.userId,
      orderName: TOP_UP_ORDER_NAME,
      amount: input.amount,
      status: "ready",
    })
    .returning({ id: pgPayments.id });
  if (!row) throw new Error("pg_payments insert returned nothing");
  const checkout = provider.checkout({
    orderId,
    orderName: TOP_UP_ORDER_NAME,
    amount: input.amount,
    successUrl: input.successUrl,
    failUrl: input.failUrl,
    // Toss keys a customer by an opaque id of the merchant's: never an email or a name.
    customerKey: `canteen_${input.userId}`,
  });
  return { id: row.id, orderId, orderName: TOP_UP_ORDER_NAME, amount: input.amount, checkout };
}
