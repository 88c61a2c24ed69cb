import { Writable } from "node:stream";
import pino from "pino";
import type { Db } from "@/db/client";
import { handlePgWebhook } from "@/server/domain/pg/webhook";
import type { FetchLike } from "@/server/providers/pg-http";
import { SandboxPgProvider } from "@/server/providers/sandbox-pg";
import { handleSandboxApi } from "@/server/sandbox-pg/api";
import { handleCheckoutSubmit } from "@/server/sandbox-pg/checkout";
import { createSandboxPg } from "@/server/sandbox-pg/service";

export const ORIGIN = "http://canteen.test";
export const SANDBOX_SECRET = "sandbox_sk_test_0123456789";
export const SANDBOX_CLIENT = "sandbox_ck_test_0123456789";
export const WEBHOOK_SECRET = "whsec_test_0123456789abcdef";
export const SUCCESS_URL = `${ORIGIN}/pay/top-up/success`;
export const FAIL_URL = `${ORIGIN}/pay/top-up/fail`;

/** A card number that passes Luhn, different each run, so a scan can look for exactly it. */
export function randomCardNumber(prefix = "4") {
  let digits = prefix;
  while (digits.length < 15) digits += String(Math.floor(Math.random() * 10));
  for (let check = 0; check < 10; check++) {
    const candidate = digits + String(check);
    let sum = 0;
    for (let index = 0; index < candidate.length; index++) {
      let digit = Number(candidate[candidate.length - 1 - index]);
      if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error("unreachable");
}

/**
 * The sandbox PG and Canteen's webhook endpoint wired to each other through their real
 * request handlers (Request in, Response out), as they talk over HTTP in the app, with every
 * log line of both captured.
 */
export function pgHarness(db: Db, options: { timeoutMs?: number } = {}) {
  const logLines: string[] = [];
  const log = pino(
    { level: "trace" },
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  const webhookResponses: { status: number; outcome: string | null }[] = [];

  // Canteen's side: the provider talks to the sandbox's API handler.
  const sandboxFetch: FetchLike = (url, init) => handleSandboxApi(new Request(url, init), sandbox);
  const provider = new SandboxPgProvider({ origin: ORIGIN, secretKey: SANDBOX_SECRET, clientKey: SANDBOX_CLIENT, fetch: sandboxFetch });

  // The sandbox's side: its webhooks reach Canteen's webhook handler.
  const webhookFetch: FetchLike = async (url, init) => {
    const response = await handlePgWebhook(new Request(url, init), { db, provider, secret: WEBHOOK_SECRET, log });
    const body = (await response.clone().json().catch(() => ({}))) as { outcome?: string };
    webhookResponses.push({ status: response.status, outcome: body.outcome ?? null });
    return response;
  };
  const sandbox = createSandboxPg({
    db,
    secretKey: SANDBOX_SECRET,
    clientKey: SANDBOX_CLIENT,
    timeoutMs: options.timeoutMs ?? 30,
    webhookUrl: `${ORIGIN}/api/pg/webhook`,
    webhookSecret: WEBHOOK_SECRET,
    webhookRetryMs: 5,
    log: log.child({ service: "sandbox-pg" }),
    fetch: webhookFetch,
  });

  /** The employee on the sandbox's checkout page: types a card and presses one of its buttons. */
  async function checkout(
    checkoutUrl: string,
    action: "approve" | "decline" | "timeout" | "cancel",
    card: { number?: string; expiry?: string } = {},
  ) {
    const url = new URL(checkoutUrl);
    const form = new FormData();
    for (const [key, value] of url.searchParams) form.set(key, value);
    form.set("action", action);
    form.set("cardNumber", card.number ?? randomCardNumber());
    form.set("expiry", card.expiry ?? "12/39");
    const response = await handleCheckoutSubmit(
      new Request(`${ORIGIN}/sandbox-pg/checkout/submit`, { method: "POST", body: form }),
      sandbox,
    );
    const location = response.headers.get("location") ?? "";
    const target = new URL(location, ORIGIN);
    return { status: response.status, location, target, query: Object.fromEntries(target.searchParams) };
  }

  /** The sandbox's test hook: webhooks for a payment, with these statuses in the body, each `times` times. */
  async function resendWebhooks(paymentKey: string, statuses: string[] | undefined, times = 1) {
    const response = await sandboxFetch(`${ORIGIN}/sandbox-pg/v1/sandbox/webhooks`, {
      method: "POST",
      headers: { Authorization: `Basic ${Buffer.from(`${SANDBOX_SECRET}:`).toString("base64")}`, "Content-Type": "application/json" },
      body: JSON.stringify({ paymentKey, statuses, times }),
    });
    return (await response.json()) as { delivered: (number | null)[] };
  }

  return { provider, sandbox, sandboxFetch, log, logLines, webhookResponses, checkout, resendWebhooks };
}
