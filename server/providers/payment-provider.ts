/**
 * The online payment gateway (PG) for card top-ups and order-ahead card payments, shaped
 * like Toss Payments: the client checks out on the PG's page, comes back with `paymentKey`,
 * `orderId` and `amount`, and the server confirms; later it may cancel all or part. The PG
 * tells Canteen about changes by signed webhooks, which Canteen answers by reading the
 * payment again (`getPayment`). `sandbox-pg.ts` (the sandbox inside this app, over HTTP) and
 * `toss-payments.ts` implement it; `pg-factory.ts` picks one. Card numbers never reach
 * Canteen: a payment carries at most a masked label.
 */
export const PG_STATUSES = ["READY", "IN_PROGRESS", "DONE", "CANCELED", "PARTIAL_CANCELED", "ABORTED", "EXPIRED"] as const;
export type PgStatus = (typeof PG_STATUSES)[number];

export type PgCancel = { cancelAmount: bigint; cancelReason: string; canceledAt: Date; transactionKey: string };

export type PgPayment = {
  paymentKey: string;
  orderId: string;
  orderName: string;
  status: PgStatus;
  totalAmount: bigint;
  /** What is left after cancels. */
  balanceAmount: bigint;
  method: string | null;
  /** Masked, e.g. "****-****-****-1234"; never a whole card number. */
  cardLabel: string | null;
  requestedAt: Date | null;
  approvedAt: Date | null;
  cancels: PgCancel[];
};

/** The PG's own error, as it sends it (`{ code, message }`); `httpStatus` 0 means no answer. */
export type PgFailure = { code: string; message: string; httpStatus: number };

export type PgResult = { ok: true; payment: PgPayment } | { ok: false; failure: PgFailure };

/** How the browser gets to the PG's checkout for a stored payment. */
export type PgCheckout =
  | { kind: "redirect"; url: string }
  /** Toss's payment window is opened by its JavaScript SDK with the client key. */
  | { kind: "toss-sdk"; clientKey: string; orderId: string; orderName: string; amount: number; successUrl: string; failUrl: string; customerKey: string };

export type CheckoutRequest = {
  orderId: string;
  orderName: string;
  amount: bigint;
  successUrl: string;
  failUrl: string;
  customerKey: string;
};

export interface PaymentProvider {
  readonly name: "sandbox" | "toss";
  /** What the checkout page needs; nothing is sent to the PG until the employee pays there. */
  checkout(request: CheckoutRequest): PgCheckout;
  /** `POST /v1/payments/confirm`: the same idempotency key never charges twice. */
  confirm(input: { paymentKey: string; orderId: string; amount: bigint; idempotencyKey: string }): Promise<PgResult>;
  /** `GET /v1/payments/{paymentKey}`: the truth about a payment, read again whenever a webhook says something changed. */
  getPayment(paymentKey: string): Promise<PgResult>;
  /** `GET /v1/payments/orders/{orderId}`: for a checkout that came back failed, with no paymentKey. */
  getPaymentByOrderId(orderId: string): Promise<PgResult>;
  /** `POST /v1/payments/{paymentKey}/cancel`; no `cancelAmount` cancels everything that is left. */
  cancel(input: { paymentKey: string; cancelReason: string; cancelAmount?: bigint; idempotencyKey: string }): Promise<PgResult>;
}

export const PG_NO_ANSWER = "PG_NO_ANSWER";
