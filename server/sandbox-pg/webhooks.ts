import type { Logger } from "pino";
import type { PgStatus } from "@/server/providers/payment-provider";
import type { FetchLike } from "@/server/providers/pg-http";
import { signWebhook } from "@/server/providers/pg-webhook-signature";

/** Toss retries a webhook that did not get 200 up to 7 times (1, 4, 16, ... minutes apart). */
export const WEBHOOK_MAX_ATTEMPTS = 7;

export type WebhookEvent = { paymentKey: string; orderId: string; status: PgStatus };
export type Delivery = { status: PgStatus; attempts: number; httpStatus: number | null };

/**
 * Sends PAYMENT_STATUS_CHANGED webhooks to Canteen, signed, as the PG would: retried with a
 * growing pause (×4 each time, from `retryMs`) until an answer of 200 or the seventh try.
 * Deliveries run in the background; `settled()` waits for the ones under way (tests).
 */
export class WebhookSender {
  private readonly pending = new Set<Promise<Delivery>>();

  constructor(
    private readonly options: { url: string; secret: string; retryMs: number; fetch: FetchLike; log: Logger },
  ) {}

  /** Queues one delivery (with its retries) and returns at once. */
  enqueue(event: WebhookEvent) {
    const delivery = this.deliver(event).finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
  }

  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** One delivery with its retries; resolves with how it went. */
  async deliver(event: WebhookEvent, maxAttempts = WEBHOOK_MAX_ATTEMPTS): Promise<Delivery> {
    let httpStatus: number | null = null;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      httpStatus = await this.sendOnce(event);
      if (httpStatus === 200) return { status: event.status, attempts: attempt, httpStatus };
      if (attempt < maxAttempts) await sleep(this.options.retryMs * 4 ** (attempt - 1));
    }
    this.options.log.warn({ paymentKey: event.paymentKey, status: event.status, httpStatus }, "sandbox PG: webhook not accepted after every retry");
    return { status: event.status, attempts: maxAttempts, httpStatus };
  }

  /** A single POST, the way the PG sends it; the status code, or null when nothing answered. */
  async sendOnce(event: WebhookEvent): Promise<number | null> {
    const body = JSON.stringify({
      eventType: "PAYMENT_STATUS_CHANGED",
      createdAt: new Date().toISOString().replace("Z", ""),
      data: { paymentKey: event.paymentKey, orderId: event.orderId, status: event.status },
    });
    try {
      const response = await this.options.fetch(this.options.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...signWebhook(this.options.secret, body) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.status;
    } catch {
      return null;
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
