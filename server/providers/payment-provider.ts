/**
 * The online payment gateway (PG) for card top-ups and order-ahead card payments, shaped
 * like Toss Payments: the client checks out with the PG, comes back with `paymentKey`,
 * `orderId` and `amount`, and the server confirms; later it may cancel all or part. The
 * sandbox PG and the Toss adapter implement this (pay app issue); the ledger half is
 * `creditWalletFromPg` in server/domain/payments/top-up.ts.
 */
export type PgPayment = {
  paymentKey: string;
  orderId: string;
  amount: bigint;
  status: "DONE" | "CANCELED" | "PARTIAL_CANCELED";
  approvedAt: Date;
};

export type PgFailure = { code: string; message: string };

export interface PaymentProvider {
  confirm(input: { paymentKey: string; orderId: string; amount: bigint; idempotencyKey: string }): Promise<
    { ok: true; payment: PgPayment } | { ok: false; failure: PgFailure }
  >;
  cancel(input: { paymentKey: string; amount: bigint; reason: string; idempotencyKey: string }): Promise<
    { ok: true; payment: PgPayment } | { ok: false; failure: PgFailure }
  >;
  /** Verifies a webhook's signature and returns its event, or null when it is forged. */
  verifyWebhook(input: { body: string; signature: string | null }): { type: string; paymentKey: string } | null;
}
