/**
 * The card terminal (VAN) at a kiosk. Canteen never sees card numbers: it asks the terminal
 * to charge an amount and records the approval number on the order's card tender.
 * The sandbox terminal and the kiosk's card flow implement this (kiosk issue).
 */
export type CardApproval =
  | { outcome: "approved"; approvalNumber: string; cardLabel: string; approvedAt: Date }
  | { outcome: "declined"; reason: string }
  | { outcome: "timed_out" };

export interface CardTerminal {
  /** Charges `amount` won; `reference` is the idempotency key, so a retried request never charges twice. */
  charge(input: { terminalId: string; amount: bigint; reference: string }): Promise<CardApproval>;
  /** Cancels (refunds) all or part of an approved charge. */
  cancel(input: { terminalId: string; approvalNumber: string; amount: bigint; reference: string }): Promise<
    { outcome: "canceled"; canceledAt: Date } | { outcome: "failed"; reason: string }
  >;
}
