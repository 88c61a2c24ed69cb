import type { DbOrTx } from "@/db/client";
import { walletOf } from "../ledger/accounts";
import { DomainError } from "../errors";
import { creditWalletFromPg, debitWalletToPg } from "../payments/top-up";
import { checkOrderCard, settleOrderCard } from "../orders/order-ahead-card";
import { checkTopUpLimits } from "./limits";
import type { PgPaymentRow } from "./records";

/**
 * What a confirmed PG payment is for decides what it does to Canteen's books. A purpose
 * plugs in here: a check before the PG is asked to confirm, the ledger movement once the
 * money is in, and the movement back when (part of) it is canceled at the PG.
 */
export type PurposeHandler = {
  beforeConfirm(tx: DbOrTx, row: PgPaymentRow): Promise<void>;
  /** Books the confirmed amount; returns the ledger transfer. */
  settle(tx: DbOrTx, row: PgPaymentRow): Promise<{ transferId: string }>;
  /** Books `amount` canceled at the PG. */
  reverse(tx: DbOrTx, row: PgPaymentRow, amount: bigint, actorId: string | null): Promise<{ transferId: string }>;
};

/** The message key of a cancel at the PG that Canteen's books cannot follow by themselves. */
export const UNBOOKED_CANCEL = "pgCancelUnbooked";

export async function walletBalance(tx: DbOrTx, userId: string) {
  return (await walletOf(tx, userId))?.balance ?? 0n;
}

const topUp: PurposeHandler = {
  async beforeConfirm(tx, row) {
    // The wallet may have grown since checkout started (another top-up): check the limits again.
    checkTopUpLimits(row.amount, await walletBalance(tx, row.userId));
  },
  async settle(tx, row) {
    const { transferId } = await creditWalletFromPg({
      tx,
      input: { employeeId: row.userId, amount: row.amount, memo: `card top-up ${row.pgOrderId}` },
    });
    return { transferId };
  },
  async reverse(tx, row, amount, actorId) {
    const { transferId } = await debitWalletToPg({
      tx,
      input: { employeeId: row.userId, amount, memo: `card top-up canceled ${row.pgOrderId}`, actorId },
    });
    return { transferId };
  },
};

/**
 * The card's share of an order paid ahead: settling pays the order (vouchers and wallet the
 * rest). Money the PG gives back is booked by Canteen's refund, which cancels at the PG
 * itself; a cancel made elsewhere (the PG's own dashboard) is left for a person, loudly.
 */
const order: PurposeHandler = {
  beforeConfirm: (tx, row) => checkOrderCard(tx, row),
  settle(tx, row) {
    if (!row.paymentKey) throw new Error(`pg payment ${row.id} settles without a payment key`);
    return settleOrderCard(tx, { ...row, paymentKey: row.paymentKey });
  },
  reverse: async () => {
    throw new DomainError("CONFLICT", UNBOOKED_CANCEL, "an order's card payment was canceled at the PG, not through a refund");
  },
};

export const purposeHandlers: Record<PgPaymentRow["purpose"], PurposeHandler> = { top_up: topUp, order };
