import type { CheckoutRequest, PaymentProvider, PgCheckout, PgResult } from "./payment-provider";
import { callPg, cancelBody, type FetchLike } from "./pg-http";

export const TOSS_API_URL = "https://api.tosspayments.com";

/**
 * Toss Payments (https://api.tosspayments.com): the secret key authenticates every call
 * (HTTP Basic, key as user name), confirms and cancels carry an `Idempotency-Key`. Its
 * payment window is opened in the browser by Toss's SDK with the client key.
 */
export class TossPaymentsProvider implements PaymentProvider {
  readonly name: "sandbox" | "toss" = "toss";
  protected readonly baseUrl: string;
  protected readonly secretKey: string;
  protected readonly clientKey: string;
  protected readonly fetchImpl: FetchLike;
  protected readonly timeoutMs: number;

  constructor(options: { secretKey: string; clientKey: string; baseUrl?: string; fetch?: FetchLike; timeoutMs?: number }) {
    this.secretKey = options.secretKey;
    this.clientKey = options.clientKey;
    this.baseUrl = (options.baseUrl ?? TOSS_API_URL).replace(/\/$/, "");
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    // Toss answers a confirm within its own 60 s; waiting longer only holds the employee up.
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  checkout(request: CheckoutRequest): PgCheckout {
    return {
      kind: "toss-sdk",
      clientKey: this.clientKey,
      orderId: request.orderId,
      orderName: request.orderName,
      amount: Number(request.amount),
      successUrl: request.successUrl,
      failUrl: request.failUrl,
      customerKey: request.customerKey,
    };
  }

  confirm(input: { paymentKey: string; orderId: string; amount: bigint; idempotencyKey: string }): Promise<PgResult> {
    return callPg(this.fetchImpl, {
      method: "POST",
      url: `${this.baseUrl}/v1/payments/confirm`,
      secretKey: this.secretKey,
      idempotencyKey: input.idempotencyKey,
      body: { paymentKey: input.paymentKey, orderId: input.orderId, amount: Number(input.amount) },
      timeoutMs: this.timeoutMs,
    });
  }

  getPayment(paymentKey: string): Promise<PgResult> {
    return callPg(this.fetchImpl, {
      method: "GET",
      url: `${this.baseUrl}/v1/payments/${encodeURIComponent(paymentKey)}`,
      secretKey: this.secretKey,
      timeoutMs: this.timeoutMs,
    });
  }

  getPaymentByOrderId(orderId: string): Promise<PgResult> {
    return callPg(this.fetchImpl, {
      method: "GET",
      url: `${this.baseUrl}/v1/payments/orders/${encodeURIComponent(orderId)}`,
      secretKey: this.secretKey,
      timeoutMs: this.timeoutMs,
    });
  }

  cancel(input: { paymentKey: string; cancelReason: string; cancelAmount?: bigint; idempotencyKey: string }): Promise<PgResult> {
    return callPg(this.fetchImpl, {
      method: "POST",
      url: `${this.baseUrl}/v1/payments/${encodeURIComponent(input.paymentKey)}/cancel`,
      secretKey: this.secretKey,
      idempotencyKey: input.idempotencyKey,
      body: cancelBody(input),
      timeoutMs: this.timeoutMs,
    });
  }
}
