import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findCardNumbers } from "@/server/sandbox-pg/card";
import { PG_NO_ANSWER } from "./payment-provider";
import type { FetchLike } from "./pg-http";
import { paymentProvider } from "./pg-factory";
import { SandboxPgProvider } from "./sandbox-pg";
import { TossPaymentsProvider } from "./toss-payments";
import { pgEnv } from "../env";

type Fixture = {
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  response: { status: number; body: unknown };
};

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, "../../test/fixtures/toss", name), "utf8")) as Fixture;

/** A fetch that answers with the recorded response and keeps what it was asked, as sent on the wire. */
function recorded(name: string) {
  const recording = fixture(name);
  const sent: Fixture["request"][] = [];
  const fetchImpl: FetchLike = async (url, init) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    sent.push({ method: init.method ?? "GET", url, headers, body: typeof init.body === "string" ? JSON.parse(init.body) : null });
    const body = typeof recording.response.body === "string" ? recording.response.body : JSON.stringify(recording.response.body);
    return new Response(body, { status: recording.response.status, headers: { "Content-Type": "application/json" } });
  };
  return { recording, sent, fetchImpl };
}

const SECRET = "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R";
const toss = (fetchImpl: FetchLike, secretKey = SECRET) => new TossPaymentsProvider({ secretKey, clientKey: "test_ck_D5GePWvyJnrK0W0k6q8gLzN97Eoq", fetch: fetchImpl });
const PAYMENT_KEY = "5EnNZRJGvaBX7zk2yd8ydw26XvwXkLrx9POLqKQjmAw4b0e1";
const ORDER_ID = "topup_a4CWyWY5m89PNh7xJwhk1";

describe("Toss Payments adapter against recorded requests and responses", () => {
  it("confirm: POST /v1/payments/confirm with Basic auth of the secret key, the idempotency key and the JSON body; maps the payment", async () => {
    const { recording, sent, fetchImpl } = recorded("confirm-done.json");
    const result = await toss(fetchImpl).confirm({ paymentKey: PAYMENT_KEY, orderId: ORDER_ID, amount: 30_000n, idempotencyKey: "canteen-confirm-6f1c2d3e-0000-4000-8000-000000000001" });
    expect(sent).toEqual([recording.request]);
    expect(result).toEqual({
      ok: true,
      payment: {
        paymentKey: PAYMENT_KEY,
        orderId: ORDER_ID,
        orderName: "Canteen 지갑 충전",
        status: "DONE",
        totalAmount: 30_000n,
        balanceAmount: 30_000n,
        method: "카드",
        cardLabel: "43301234****123*",
        requestedAt: new Date("2026-11-25T12:30:01+09:00"),
        approvedAt: new Date("2026-11-25T12:30:24+09:00"),
        cancels: [],
      },
    });
  });

  it("getPayment and getPaymentByOrderId: GET with Basic auth only", async () => {
    const byKey = recorded("get-payment.json");
    expect((await toss(byKey.fetchImpl).getPayment(PAYMENT_KEY)).ok).toBe(true);
    expect(byKey.sent).toEqual([byKey.recording.request]);
    const byOrder = recorded("get-payment-by-order.json");
    const result = await toss(byOrder.fetchImpl).getPaymentByOrderId(ORDER_ID);
    expect(byOrder.sent).toEqual([byOrder.recording.request]);
    expect(result.ok && result.payment.status).toBe("DONE");
  });

  it("cancel: a partial cancel sends cancelAmount, a full one leaves it out; cancels are mapped", async () => {
    const partial = recorded("cancel-partial.json");
    const result = await toss(partial.fetchImpl).cancel({ paymentKey: PAYMENT_KEY, cancelReason: "고객 요청 충전 취소", cancelAmount: 10_000n, idempotencyKey: "canteen-cancel-0001" });
    expect(partial.sent).toEqual([partial.recording.request]);
    expect(result.ok && result.payment).toMatchObject({
      status: "PARTIAL_CANCELED",
      balanceAmount: 20_000n,
      cancels: [{ cancelAmount: 10_000n, cancelReason: "고객 요청 충전 취소", canceledAt: new Date("2026-11-25T13:02:11+09:00"), transactionKey: "1D3AA0C1C2B3E9E4C9F1B7A6D5E4F3A2" }],
    });
    const full = recorded("cancel-full.json");
    const all = await toss(full.fetchImpl).cancel({ paymentKey: PAYMENT_KEY, cancelReason: "고객 요청 충전 취소", idempotencyKey: "canteen-cancel-0002" });
    expect(full.sent).toEqual([full.recording.request]);
    expect(all.ok && all.payment).toMatchObject({ status: "CANCELED", balanceAmount: 0n });
  });

  it("errors come back as the PG's { code, message } with the HTTP status", async () => {
    const cases: [string, () => (fetchImpl: FetchLike) => Promise<unknown>, { code: string; httpStatus: number }][] = [
      ["confirm-already-processed.json", () => (f) => toss(f).confirm({ paymentKey: PAYMENT_KEY, orderId: ORDER_ID, amount: 30_000n, idempotencyKey: "canteen-confirm-6f1c2d3e-0000-4000-8000-000000000001" }), { code: "ALREADY_PROCESSED_PAYMENT", httpStatus: 400 }],
      ["get-not-found.json", () => (f) => toss(f).getPayment("unknown_payment_key_000"), { code: "NOT_FOUND_PAYMENT", httpStatus: 404 }],
      ["cancel-not-cancelable-amount.json", () => (f) => toss(f).cancel({ paymentKey: PAYMENT_KEY, cancelReason: "고객 요청 충전 취소", cancelAmount: 50_000n, idempotencyKey: "canteen-cancel-0003" }), { code: "NOT_CANCELABLE_AMOUNT", httpStatus: 403 }],
      ["unauthorized-key.json", () => (f) => toss(f, "test_sk_wrong").getPayment(PAYMENT_KEY), { code: "UNAUTHORIZED_KEY", httpStatus: 401 }],
      ["server-error-html.json", () => (f) => toss(f).getPayment(PAYMENT_KEY), { code: "PG_HTTP_ERROR", httpStatus: 502 }],
    ];
    for (const [name, call, expected] of cases) {
      const { recording, sent, fetchImpl } = recorded(name);
      const result = await call()(fetchImpl);
      expect(sent, name).toEqual([recording.request]);
      expect(result, name).toEqual({ ok: false, failure: expect.objectContaining(expected) });
    }
  });

  it("no answer (network down or too slow) is PG_NO_ANSWER, never a guess", async () => {
    const down: FetchLike = async () => {
      throw new TypeError("fetch failed");
    };
    expect(await toss(down).getPayment(PAYMENT_KEY)).toEqual({ ok: false, failure: { code: PG_NO_ANSWER, message: "fetch failed", httpStatus: 0 } });
    const slow: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener("abort", () => reject(new Error("aborted by time limit"))));
    const impatient = new TossPaymentsProvider({ secretKey: SECRET, clientKey: "ck", fetch: slow, timeoutMs: 50 });
    expect((await impatient.getPayment(PAYMENT_KEY)).ok).toBe(false);
  });

  it("an unmasked card number from a PG is dropped, never kept as the label", async () => {
    const { fetchImpl } = recorded("get-payment.json");
    const leaking: FetchLike = async (url, init) => {
      const response = await fetchImpl(url, init);
      const body = (await response.json()) as { card: { number: string } };
      body.card.number = "4330123412341234";
      return new Response(JSON.stringify(body), { status: 200 });
    };
    const result = await toss(leaking).getPayment(PAYMENT_KEY);
    expect(result.ok && result.payment.cardLabel).toBeNull();
  });

  it("the checkout opens Toss's payment window with the client key; the sandbox's is its own page", () => {
    const request = { orderId: ORDER_ID, orderName: "Canteen 지갑 충전", amount: 30_000n, successUrl: "https://c.example/s", failUrl: "https://c.example/f", customerKey: "canteen_x" };
    expect(toss(fetch).checkout(request)).toEqual({ kind: "toss-sdk", clientKey: "test_ck_D5GePWvyJnrK0W0k6q8gLzN97Eoq", ...request, amount: 30_000 });
    const sandbox = new SandboxPgProvider({ origin: "http://127.0.0.1:3000/", secretKey: "s", clientKey: "ck_sandbox" });
    const checkout = sandbox.checkout(request);
    expect(checkout.kind === "redirect" && new URL(checkout.url).pathname).toBe("/sandbox-pg/checkout");
  });

  it("the factory picks Toss when its keys are set and the sandbox otherwise", () => {
    expect(paymentProvider(pgEnv({})).name).toBe("sandbox");
    const withToss = pgEnv({ TOSS_SECRET_KEY: SECRET, TOSS_CLIENT_KEY: "test_ck_x", PG_WEBHOOK_SECRET: "a-real-secret-of-length" });
    expect(paymentProvider(withToss).name).toBe("toss");
    expect(() => pgEnv({ TOSS_SECRET_KEY: SECRET })).toThrow(/TOSS_CLIENT_KEY/);
    expect(() => pgEnv({ TOSS_SECRET_KEY: SECRET, TOSS_CLIENT_KEY: "ck" })).toThrow(/PG_WEBHOOK_SECRET/);
    expect(pgEnv({ PORT: "3302" }).sandboxWebhookUrl).toBe("http://127.0.0.1:3302/api/pg/webhook");
  });

  it("the recorded fixtures themselves hold no card number", () => {
    for (const name of ["confirm-done.json", "get-payment.json", "cancel-partial.json", "cancel-full.json"]) {
      expect(findCardNumbers(JSON.stringify(fixture(name)))).toEqual([]);
    }
  });
});
