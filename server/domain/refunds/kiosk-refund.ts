import type { Db } from "@/db/client";
import type { CardTerminal } from "@/server/providers/card-terminal";
import type { PaymentProvider } from "@/server/providers/payment-provider";
import { withIdempotency } from "../idempotency";
import { countingManagerPinFailures, verifyManagerPin, type ApprovingManager } from "../people/manager-pin";
import { refundOrder, type RefundResult } from "../payments/refund-order";
import { cancelRefundOnTerminal, type CardRefundOutcome } from "./card-refund";

export type KioskRefundInput = {
  storeId: string;
  /** The kiosk's account: the device the refund was made on, and its PIN failure count. */
  kioskId: string;
  orderId: string;
  lines?: { lineId: string; quantity: number }[];
  reason: string;
  pin: string;
  requestId?: string | null;
  now: Date;
};

export type KioskRefundResult = RefundResult & {
  approvedBy: ApprovingManager;
  /** The card share sent back through the terminal that charged it; null when no card paid. */
  card: CardRefundOutcome | null;
};

/**
 * A refund at the counter, approved by a store manager's PIN. The PIN is checked inside the
 * refund's idempotent transaction, so a wrong PIN moves nothing, and a retry of an approved
 * refund (same key) returns what it did without asking again. The manager who approved is
 * the refund's actor in the ledger, the refund row and the audit log; the kiosk is named too.
 * After it commits, the card share goes back through the terminal (also on a retry, which
 * the terminal takes once).
 */
export async function kioskRefund(
  db: Db,
  providers: { terminal: CardTerminal; pg: () => PaymentProvider },
  args: { scope: string; key: string; input: KioskRefundInput },
): Promise<KioskRefundResult> {
  const { input } = args;
  // The fingerprint leaves the PIN out: a hash of a 4-digit PIN next to the rest of the request would be trivial to reverse.
  const request = { orderId: input.orderId, lines: input.lines ?? null, reason: input.reason };
  const refund = await countingManagerPinFailures(db, () =>
    withIdempotency(db, { scope: args.scope, procedure: "refunds.kioskRefund", key: args.key, request }, async (tx) => {
      const manager = await verifyManagerPin({
        tx,
        input: { storeId: input.storeId, pin: input.pin, clientKey: input.kioskId, now: input.now },
      });
      const result = await refundOrder({
        tx,
        input: {
          orderId: input.orderId,
          storeId: input.storeId,
          lines: input.lines,
          reason: input.reason,
          actorId: manager.id,
          approval: { managerId: manager.id, managerName: manager.name, method: "kiosk_pin", deviceId: input.kioskId },
          requestId: input.requestId,
          now: input.now,
        },
      });
      return { ...result, approvedBy: manager };
    }),
  );
  const card = await cancelRefundOnTerminal(db, providers, { refund, storeId: input.storeId, actorId: refund.approvedBy.id });
  return { ...refund, card };
}
