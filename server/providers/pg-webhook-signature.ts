import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Webhook signatures, in the shape Toss Payments signs its payout webhooks with:
 *   tosspayments-webhook-transmission-time: <unix seconds>
 *   tosspayments-webhook-signature: v1:<base64 HMAC-SHA256 of "<raw body>:<transmission time>">
 * (several `v1:` values, comma separated, while a secret is being rotated). The time is part
 * of what is signed, so a captured webhook cannot be replayed after the tolerance.
 */
export const SIGNATURE_HEADER = "tosspayments-webhook-signature";
export const TIME_HEADER = "tosspayments-webhook-transmission-time";
/** How old (or how far in the future) a webhook may be when it arrives. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

function hmac(secret: string, body: string, time: string) {
  return createHmac("sha256", secret).update(`${body}:${time}`).digest();
}

export function signWebhook(secret: string, body: string, now: Date = new Date()) {
  const time = String(Math.floor(now.getTime() / 1000));
  return { [TIME_HEADER]: time, [SIGNATURE_HEADER]: `v1:${hmac(secret, body, time).toString("base64")}` };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: "missing" | "stale" | "mismatch" };

export function verifyWebhookSignature(input: {
  secret: string;
  body: string;
  signature: string | null;
  time: string | null;
  now?: Date;
}): SignatureCheck {
  if (!input.signature || !input.time || !/^\d{1,12}$/.test(input.time)) return { ok: false, reason: "missing" };
  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - Number(input.time)) > WEBHOOK_TOLERANCE_SECONDS) return { ok: false, reason: "stale" };
  const expected = hmac(input.secret, input.body, input.time);
  const matches = input.signature
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.startsWith("v1:"))
    .some((part) => {
      const given = Buffer.from(part.slice(3), "base64");
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  return matches ? { ok: true } : { ok: false, reason: "mismatch" };
}
