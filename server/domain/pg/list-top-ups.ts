import { and, desc, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { pgPayments } from "@/db/schema";
import { minBigInt } from "../money";
import { TOP_UP_MAX_WON, TOP_UP_MIN_WON, TOP_UP_PRESETS_WON, TOP_UP_STEP_WON, WALLET_MAX_BALANCE_WON } from "./limits";
import { walletBalance } from "./purposes";

export const RECENT_TOP_UPS = 20;

/**
 * The top-up screen: the wallet, the limits, and the employee's recent card top-ups with what
 * may still be canceled (what is left of each, as far as the wallet still holds it).
 * Checkouts that never came back from the PG (`ready`) are left out.
 */
export async function topUpOverview(args: { tx: DbOrTx; input: { userId: string } }) {
  const { tx, input } = args;
  const balance = await walletBalance(tx, input.userId);
  const rows = await tx
    .select()
    .from(pgPayments)
    .where(and(eq(pgPayments.userId, input.userId), eq(pgPayments.purpose, "top_up"), ne(pgPayments.status, "ready")))
    .orderBy(desc(pgPayments.createdAt))
    .limit(RECENT_TOP_UPS);
  return {
    balance,
    limits: {
      min: TOP_UP_MIN_WON,
      max: TOP_UP_MAX_WON,
      step: TOP_UP_STEP_WON,
      maxBalance: WALLET_MAX_BALANCE_WON,
      room: WALLET_MAX_BALANCE_WON > balance ? WALLET_MAX_BALANCE_WON - balance : 0n,
    },
    presets: [...TOP_UP_PRESETS_WON],
    topUps: rows.map((row) => {
      const left = row.amount - row.canceledAmount;
      const settled = row.transferId !== null && (row.status === "done" || row.status === "partial_canceled");
      return {
        id: row.id,
        amount: row.amount,
        status: row.status,
        canceledAmount: row.canceledAmount,
        cardLabel: row.cardLabel,
        failureCode: row.failureCode,
        createdAt: row.createdAt,
        approvedAt: row.approvedAt,
        cancelable: settled ? minBigInt(left, balance) : 0n,
      };
    }),
  };
}
