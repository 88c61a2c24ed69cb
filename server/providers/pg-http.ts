import { z } from "zod";
import type { PgCancel, PgFailure, PgPayment, PgResult } from "./payment-provider";
import { PG_NO_ANSWER, PG_STATUSES } from "./payment-provider";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

const won = z.number().int().nonnegative();
const date = z.string().min(1).transform((value, ctx) => {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) {
    ctx.addIssue({ code: "custom", message: `not a date: ${value}` });
    return z.NEVER;
  }
  return parsed;
});

/** Toss Payments' Payment object, the fields Canteen reads (the rest is ignored). */
export const paymentJson = z.object({
  paymentKey: z.string().min(1),
  orderId: z.string().min(1),
  orderName: z.string().default(""),
  status: z.enum(PG_STATUSES),
  totalAmount: won,
  balanceAmount: won,
  method: z.string().nullish(),
  requestedAt: date.nullish(),
  approvedAt: date.nullish(),
  card: z.object({ number: z.string().nullish(), issuerCode: z.string().nullish() }).nullish(),
  cancels: z
    .array(
      z.object({
        cancelAmount: won,
        cancelReason: z.string().default(""),
        canceledAt: date,
        transactionKey: z.string().default(""),
      }),
    )
    .nullish(),
});
export type PaymentJson = z.input<typeof paymentJson>;

const errorJson = z.object({ code: z.string().min(1), message: z.string().default("") });

/** A masked number as the PG sends it; anything with a long run of digits is dropped, never stored. */
export function safeCardLabel(number: string | null | undefined): string | null {
  if (!number) return null;
  // Toss masks all but the first 8 digits at most: a longer run is not a masked number.
  return /\d{9,}/.test(number.replace(/[\s-]/g, "")) ? null : number.slice(0, 40);
}

export function toPgPayment(json: z.output<typeof paymentJson>): PgPayment {
  const cancels: PgCancel[] = (json.cancels ?? []).map((cancel) => ({
    cancelAmount: BigInt(cancel.cancelAmount),
    cancelReason: cancel.cancelReason,
    canceledAt: cancel.canceledAt,
    transactionKey: cancel.transactionKey,
  }));
  return {
    paymentKey: json.paymentKey,
    orderId: json.orderId,
    orderName: json.orderName,
    status: json.status,
    totalAmount: BigInt(json.totalAmount),
    balanceAmount: BigInt(json.balanceAmount),
    method: json.method ?? null,
    cardLabel: safeCardLabel(json.card?.number),
    requestedAt: json.requestedAt ?? null,
    approvedAt: json.approvedAt ?? null,
    cancels,
  };
}

/** HTTP Basic with the secret key as the user name and no password, as Toss Payments wants it. */
export function basicAuth(secretKey: string) {
  return `Basic ${Buffer.from(`${secretKey}:`).toString("base64")}`;
}

/**
 * One call to a Toss-shaped API. Any answer becomes a PgResult: a payment, the PG's
 * `{ code, message }`, or PG_NO_ANSWER when the network or the time limit got in the way
 * (the caller then reads the payment again rather than guessing).
 */
export async function callPg(
  fetchImpl: FetchLike,
  request: { method: "GET" | "POST"; url: string; secretKey: string; body?: unknown; idempotencyKey?: string; timeoutMs: number },
): Promise<PgResult> {
  const headers: Record<string, string> = { Authorization: basicAuth(request.secretKey) };
  if (request.body !== undefined) headers["Content-Type"] = "application/json";
  if (request.idempotencyKey) headers["Idempotency-Key"] = request.idempotencyKey;
  let response: Response;
  try {
    response = await fetchImpl(request.url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(request.timeoutMs),
      cache: "no-store",
    });
  } catch (error) {
    return noAnswer(error instanceof Error ? error.message : String(error));
  }
  const text = await response.text().catch(() => "");
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (response.ok) {
    const parsed = paymentJson.safeParse(json);
    if (parsed.success) return { ok: true, payment: toPgPayment(parsed.data) };
    return { ok: false, failure: { code: "PG_BAD_RESPONSE", message: "the PG answered with something that is not a payment", httpStatus: response.status } };
  }
  const error = errorJson.safeParse(json);
  const failure: PgFailure = error.success
    ? { ...error.data, httpStatus: response.status }
    : { code: "PG_HTTP_ERROR", message: `the PG answered HTTP ${response.status}`, httpStatus: response.status };
  return { ok: false, failure };
}

function noAnswer(message: string): PgResult {
  return { ok: false, failure: { code: PG_NO_ANSWER, message, httpStatus: 0 } };
}

/** The request body of a cancel: `cancelAmount` only for a partial one, as a JSON number. */
export function cancelBody(input: { cancelReason: string; cancelAmount?: bigint }) {
  return input.cancelAmount === undefined
    ? { cancelReason: input.cancelReason }
    : { cancelReason: input.cancelReason, cancelAmount: Number(input.cancelAmount) };
}
