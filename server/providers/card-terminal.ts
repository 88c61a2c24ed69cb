/**
 * The card terminal (VAN) at a kiosk. Canteen never sees card numbers: it asks the terminal
 * to charge an amount and records the approval number on the order's card tender.
 * `sandbox-card-terminal.ts` implements it for development and tests; `index.ts` picks one.
 */
export type CardApproval =
  | { outcome: "approved"; approvalNumber: string; cardLabel: string; approvedAt: Date }
  | { outcome: "declined"; reason: string }
  | { outcome: "timed_out" };

export type CardCancel = { outcome: "canceled"; canceledAt: Date } | { outcome: "failed"; reason: string };

export interface CardTerminal {
  /** Charges `amount` won; `reference` is the idempotency key, so a retried request never charges twice. */
  charge(input: { terminalId: string; amount: bigint; reference: string }): Promise<CardApproval>;
  /**
   * Cancels (voids) all or part of the charge made with `reference`. `approvalNumber` null is
   * the VAN's network cancel (망취소) after a time-out: whatever that charge did, undo it, so
   * an approval that arrives late never leaves money taken. Cancelling twice is harmless.
   */
  cancel(input: {
    terminalId: string;
    approvalNumber: string | null;
    amount: bigint;
    reference: string;
    /** Names one partial cancel (a refund): the same cancel sent again is not taken twice. */
    cancelReference?: string;
  }): Promise<CardCancel>;
}
