import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { PG_STATUSES, type PgStatus } from "@/server/providers/payment-provider";
import { basicAuth } from "@/server/providers/pg-http";
import { cancelPayment, confirmPayment, findByOrderId, paymentToJson, PgError, readPayment, toWire, type Changed } from "./books";
import type { SandboxPg } from "./service";

const amount = z.number().int().positive().max(10_000_000);
const confirmBody = z.object({ paymentKey: z.string().min(1).max(200), orderId: z.string().min(6).max(64), amount });
const cancelRequest = z.object({ cancelReason: z.string().min(1).max(200), cancelAmount: amount.optional() });
/** Test hook: deliver webhooks for a payment, with whatever statuses in the body, as often as asked. */
const webhookRequest = z.object({
  paymentKey: z.string().min(1),
  statuses: z.array(z.enum(PG_STATUSES)).min(1).max(20).optional(),
  times: z.number().int().min(1).max(7).default(1),
});

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
const error = (status: number, code: string, message: string) => json({ code, message }, status);

function authorized(request: Request, secretKey: string) {
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const expected = Buffer.from(basicAuth(secretKey));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function body<T>(request: Request, schema: z.ZodType<T>): Promise<T | null> {
  const parsed = schema.safeParse(await request.json().catch(() => null));
  return parsed.success ? parsed.data : null;
}

/**
 * The sandbox PG's API under /sandbox-pg/v1, Toss Payments' shape:
 *   POST /payments/confirm, GET /payments/{paymentKey}, GET /payments/orders/{orderId},
 *   POST /payments/{paymentKey}/cancel,
 * plus POST /sandbox/webhooks for tests (webhooks again, several times, any order).
 * Secret key by HTTP Basic; errors as `{ code, message }`.
 */
export async function handleSandboxApi(request: Request, pg: SandboxPg): Promise<Response> {
  if (!authorized(request, pg.secretKey)) return error(401, "UNAUTHORIZED_KEY", "인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다.");
  const path = new URL(request.url).pathname.replace(/^.*\/sandbox-pg\/v1/, "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const idempotencyKey = request.headers.get("idempotency-key");
  if (idempotencyKey !== null && (idempotencyKey.length === 0 || idempotencyKey.length > 300)) {
    return error(400, "INVALID_REQUEST", "Idempotency-Key는 300자 이하여야 합니다.");
  }
  try {
    if (request.method === "POST" && parts.length === 2 && parts[0] === "payments" && parts[1] === "confirm") {
      const input = await body(request, confirmBody);
      if (!input) return error(400, "INVALID_REQUEST", "잘못된 요청입니다.");
      return answer(pg, await confirmPayment(pg.db, { ...input, amount: BigInt(input.amount), idempotencyKey }, pg.now()));
    }
    if (request.method === "GET" && parts.length === 3 && parts[0] === "payments" && parts[1] === "orders") {
      const found = await findByOrderId(pg.db, parts[2] ?? "");
      if (!found) return error(404, "NOT_FOUND_PAYMENT", "존재하지 않는 결제 정보 입니다.");
      return answer(pg, await readPayment(pg.db, found.paymentKey, pg.now()));
    }
    if (request.method === "GET" && parts.length === 2 && parts[0] === "payments") {
      return answer(pg, await readPayment(pg.db, parts[1] ?? "", pg.now()));
    }
    if (request.method === "POST" && parts.length === 3 && parts[0] === "payments" && parts[2] === "cancel") {
      const input = await body(request, cancelRequest);
      if (!input) return error(400, "INVALID_REQUEST", "잘못된 요청입니다.");
      const cancelAmount = input.cancelAmount === undefined ? null : BigInt(input.cancelAmount);
      return answer(pg, await cancelPayment(pg.db, { paymentKey: parts[1] ?? "", cancelReason: input.cancelReason, cancelAmount, idempotencyKey }, pg.now()));
    }
    if (request.method === "POST" && parts.join("/") === "sandbox/webhooks") {
      const input = await body(request, webhookRequest);
      if (!input) return error(400, "INVALID_REQUEST", "잘못된 요청입니다.");
      const { row } = await readPayment(pg.db, input.paymentKey, pg.now());
      const statuses: PgStatus[] = input.statuses ?? [toWire(row.status)];
      const deliveries = [];
      for (const status of statuses) {
        for (let copy = 0; copy < input.times; copy++) {
          deliveries.push(await pg.webhooks.sendOnce({ paymentKey: row.paymentKey, orderId: row.orderId, status }));
        }
      }
      return json({ delivered: deliveries });
    }
    return error(404, "NOT_FOUND", "없는 API 입니다.");
  } catch (caught) {
    if (caught instanceof PgError) return error(caught.httpStatus, caught.code, caught.message);
    pg.log.error({ err: caught }, "sandbox PG: request failed");
    return error(500, "FAILED_INTERNAL_SYSTEM_PROCESSING", "내부 시스템 처리 작업이 실패했습니다.");
  }
}

function answer(pg: SandboxPg, { row, changed }: Changed) {
  if (changed) pg.webhooks.enqueue({ paymentKey: row.paymentKey, orderId: row.orderId, status: toWire(row.status) });
  return json(paymentToJson(row));
}
