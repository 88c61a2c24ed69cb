import type { CheckoutRequest, PgCheckout } from "./payment-provider";
import type { FetchLike } from "./pg-http";
import { TossPaymentsProvider } from "./toss-payments";

/** Where the sandbox PG lives under an origin: its API and its checkout page. */
export const SANDBOX_PG_PATH = "/sandbox-pg";

/**
 * The client of the sandbox PG (app/sandbox-pg/**). The sandbox speaks Toss Payments' API
 * exactly, so this is the Toss client pointed at the sandbox's address; only the checkout
 * differs: the sandbox's payment page is a plain address the browser is sent to.
 */
export class SandboxPgProvider extends TossPaymentsProvider {
  override readonly name = "sandbox" as const;

  constructor(options: { origin: string; secretKey: string; clientKey: string; fetch?: FetchLike; timeoutMs?: number }) {
    super({
      secretKey: options.secretKey,
      clientKey: options.clientKey,
      baseUrl: `${options.origin.replace(/\/$/, "")}${SANDBOX_PG_PATH}`,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs ?? 15_000,
    });
  }

  override checkout(request: CheckoutRequest): PgCheckout {
    const query = new URLSearchParams({
      clientKey: this.clientKey,
      orderId: request.orderId,
      orderName: request.orderName,
      amount: request.amount.toString(),
      successUrl: request.successUrl,
      failUrl: request.failUrl,
      customerKey: request.customerKey,
    });
    return { kind: "redirect", url: `${this.baseUrl}/checkout?${query.toString()}` };
  }
}
