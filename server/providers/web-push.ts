/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payload encryption (RFC 8291).
 * The `web-push` package signs and encrypts; the request itself goes out with fetch, which
 * (unlike web-push's own https-only transport) can also reach a test's local http endpoint.
 */
import webpush from "web-push";

export type PushTarget = { endpoint: string; p256dh: string; auth: string };
export type PushOutcome = { statusCode: number; body: string };

export interface PushSender {
  /** Resolves with the push service's answer, whatever its status; rejects only when none came. */
  send(target: PushTarget, payload: string, options: { ttlSeconds: number; urgency: "normal" | "high" }): Promise<PushOutcome>;
}

export function webPushSender(vapid: { subject: string; publicKey: string; privateKey: string }, timeoutMs = 10_000): PushSender {
  return {
    async send(target, payload, options) {
      const request = webpush.generateRequestDetails(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        payload,
        { vapidDetails: vapid, TTL: options.ttlSeconds, urgency: options.urgency, contentEncoding: "aes128gcm" },
      );
      const response = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body ? new Uint8Array(request.body) : null,
        redirect: "error",
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { statusCode: response.status, body: (await response.text()).slice(0, 500) };
    },
  };
}
