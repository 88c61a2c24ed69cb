import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { FAIL_URL, ORIGIN, pgHarness, randomCardNumber, SANDBOX_SECRET, SUCCESS_URL } from "@/test/pg-harness";
import { signWebhook, verifyWebhookSignature } from "@/server/providers/pg-webhook-signature";
import { cardDigits, expiryValid, findCardNumbers, luhnValid, maskCard } from "./card";

describe("sandbox PG: card checks", () => {
  it("Luhn, masking, expiry, and the scanner that looks for card numbers", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(cardDigits("4111 1111 1111 1111")).toBe("4111111111111111");
    expect(cardDigits("4111-1111-1111")).toBeNull();
    expect(maskCard("4111111111111111")).toBe("****-****-****-1111");
    const now = new Date("2026-11-25T03:00:00Z");
    expect(expiryValid("11/26", now)).toBe(true);
    expect(expiryValid("10/26", now)).toBe(false);
    expect(expiryValid("13/30", now)).toBe(false);
    expect(findCardNumbers("paid with 4111 1111 1111 1111 today")).toEqual(["4111111111111111"]);
    expect(findCardNumbers('{"card":"4111-1111-1111-1111"}')).toEqual(["4111111111111111"]);
    expect(findCardNumbers("****-****-****-1111 at 2026-11-25T12:30:00.000Z, id 6f1c2d3e-0000-4000-8000-000000000001")).toEqual([]);
    // A log line's millisecond time that happens to pass Luhn is not a card number.
    expect(luhnValid("1795637240197")).toBe(true);
    expect(findCardNumbers('{"level":30,"time":1795637240197,"msg":"PG: confirmed"}')).toEqual([]);
  });

  it("webhook signatures: the secret, the body and the time are all signed", () => {
    const now = new Date("2026-11-25T03:00:00Z");
    const headers = signWebhook("secret-0123456789", "{}", now);
    const check = (body: string, at: Date, secret = "secret-0123456789") =>
      verifyWebhookSignature({ secret, body, signature: headers["tosspayments-webhook-signature"] ?? null, time: headers["tosspayments-webhook-transmission-time"] ?? null, now: at });
    expect(check("{}", now)).toEqual({ ok: true });
    expect(check("{ }", now)).toEqual({ ok: false, reason: "mismatch" });
    expect(check("{}", now, "another-secret-000")).toEqual({ ok: false, reason: "mismatch" });
    expect(check("{}", new Date(now.getTime() + 301_000))).toEqual({ ok: false, reason: "stale" });
  });
});

describe("sandbox PG over HTTP", () => {
  let database: TestDatabase;
  let pg: ReturnType<typeof pgHarness>;
  beforeAll(async () => {
    database = await createTestDatabase();
    pg = pgHarness(database.db);
  });
  afterAll(async () => {
    await pg.sandbox.webhooks.settled();
    await database.close();
  });
  const call = (path: string, init: RequestInit = {}, secret = SANDBOX_SECRET) =>
    pg.sandboxFetch(`${ORIGIN}/sandbox-pg/v1${path}`, {
      ...init,
      headers: { Authorization: `Basic ${Buffer.from(`${secret}:`).toString("base64")}`, "Content-Type": "application/json", ...(init.headers as Record<string, string>) },
    });
  const checkoutUrl = (orderId: string, amount = "20000") =>
    `${ORIGIN}/sandbox-pg/checkout?${new URLSearchParams({ clientKey: "sandbox_ck_test_0123456789", orderId, orderName: "충전", amount, successUrl: SUCCESS_URL, failUrl: FAIL_URL })}`;

  it("refuses a wrong secret key with Toss's UNAUTHORIZED_KEY and an unknown payment with NOT_FOUND_PAYMENT", async () => {
    const wrong = await call("/payments/anything", {}, "sandbox_sk_wrong_000000");
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: "UNAUTHORIZED_KEY" });
    const missing = await call("/payments/sbx_missing");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: "NOT_FOUND_PAYMENT" });
  });

  it("a card that fails Luhn or an expired card goes back to the page naming the field, with nothing recorded", async () => {
    const bad = await pg.checkout(checkoutUrl("order_luhn_0001"), "approve", { number: "4111111111111112" });
    expect(bad.status).toBe(303);
    expect(bad.target.pathname).toBe("/sandbox-pg/checkout");
    expect(bad.query.error).toBe("card");
    const expired = await pg.checkout(checkoutUrl("order_luhn_0001"), "approve", { expiry: "01/20" });
    expect(expired.query.error).toBe("expiry");
    expect((await call("/payments/orders/order_luhn_0001")).status).toBe(404);
  });

  it("approve → IN_PROGRESS until confirmed; confirm checks orderId and amount; repeated with a key it answers the same; a full cancel twice is refused", async () => {
    const back = await pg.checkout(checkoutUrl("order_flow_0001"), "approve", { number: randomCardNumber() });
    const paymentKey = back.query.paymentKey ?? "";
    expect(back.query).toMatchObject({ orderId: "order_flow_0001", amount: "20000" });
    expect(await (await call(`/payments/${paymentKey}`)).json()).toMatchObject({ status: "IN_PROGRESS", totalAmount: 20000 });

    const wrongAmount = await call("/payments/confirm", { method: "POST", body: JSON.stringify({ paymentKey, orderId: "order_flow_0001", amount: 1000 }) });
    expect(wrongAmount.status).toBe(400);
    const confirm = () =>
      call("/payments/confirm", { method: "POST", headers: { "Idempotency-Key": "key-1" }, body: JSON.stringify({ paymentKey, orderId: "order_flow_0001", amount: 20000 }) });
    const first = await (await confirm()).json();
    expect(first).toMatchObject({ status: "DONE", balanceAmount: 20000, card: { number: expect.stringMatching(/^\*{4}-/) } });
    expect(await (await confirm()).json()).toEqual(first);
    const withoutKey = await call("/payments/confirm", { method: "POST", body: JSON.stringify({ paymentKey, orderId: "order_flow_0001", amount: 20000 }) });
    expect(await withoutKey.json()).toMatchObject({ code: "ALREADY_PROCESSED_PAYMENT" });

    const over = await call(`/payments/${paymentKey}/cancel`, { method: "POST", body: JSON.stringify({ cancelReason: "test", cancelAmount: 30000 }) });
    expect(await over.json()).toMatchObject({ code: "NOT_CANCELABLE_AMOUNT" });
    const full = await call(`/payments/${paymentKey}/cancel`, { method: "POST", headers: { "Idempotency-Key": "c-1" }, body: JSON.stringify({ cancelReason: "test" }) });
    expect(await full.json()).toMatchObject({ status: "CANCELED", balanceAmount: 0, cancels: [{ cancelAmount: 20000 }] });
    const again = await call(`/payments/${paymentKey}/cancel`, { method: "POST", headers: { "Idempotency-Key": "c-1" }, body: JSON.stringify({ cancelReason: "test" }) });
    expect(await again.json()).toMatchObject({ status: "CANCELED", cancels: [{ cancelAmount: 20000 }] });
    const another = await call(`/payments/${paymentKey}/cancel`, { method: "POST", headers: { "Idempotency-Key": "c-2" }, body: JSON.stringify({ cancelReason: "test" }) });
    expect(await another.json()).toMatchObject({ code: "ALREADY_CANCELED_PAYMENT" });
  });

  it("a checkout link with another client key or a bad amount is refused", async () => {
    const form = new FormData();
    const url = new URL(checkoutUrl("order_key_0001"));
    for (const [key, value] of url.searchParams) form.set(key, value);
    form.set("clientKey", "someone_elses_key");
    form.set("action", "approve");
    const { handleCheckoutSubmit } = await import("./checkout");
    const refused = await handleCheckoutSubmit(new Request(`${ORIGIN}/sandbox-pg/checkout/submit`, { method: "POST", body: form }), pg.sandbox);
    expect(refused.status).toBe(400);
    const zero = await pg.checkout(checkoutUrl("order_key_0002", "0"), "approve");
    expect(zero.status).toBe(400);
  });
});
