import { z } from "zod";
import { findByOrderId, recordCheckout, setStatus } from "./books";
import { cardDigits, expiryValid, maskCard } from "./card";
import type { SandboxPg } from "./service";

export const CHECKOUT_ACTIONS = ["approve", "decline", "timeout", "cancel"] as const;

const absoluteUrl = z.url({ protocol: /^https?$/ });
/** What the merchant put in the checkout link (Toss's requestPayment parameters). */
export const checkoutParams = z.object({
  clientKey: z.string().min(1),
  orderId: z.string().regex(/^[A-Za-z0-9_=.-]{6,64}$/),
  orderName: z.string().min(1).max(100),
  amount: z.string().regex(/^\d{1,8}$/).transform((value) => BigInt(value)).refine((value) => value > 0n),
  successUrl: absoluteUrl,
  failUrl: absoluteUrl,
  customerKey: z.string().max(300).optional(),
});
export type CheckoutParams = z.infer<typeof checkoutParams>;

/** The checkout link, or null when it is not one this PG accepts (wrong client key, bad fields). */
export function parseCheckout(values: Record<string, string | undefined>, pg: Pick<SandboxPg, "clientKey">): CheckoutParams | null {
  const parsed = checkoutParams.safeParse(values);
  if (!parsed.success || parsed.data.clientKey !== pg.clientKey) return null;
  return parsed.data;
}

export const DECLINE_MESSAGE = "카드사에서 승인을 거절했습니다. (한도초과)";

function redirect(url: string, params: Record<string, string>) {
  const target = new URL(url);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  return new Response(null, { status: 303, headers: { Location: target.toString(), "Cache-Control": "no-store" } });
}

/**
 * The checkout page's form (POST /sandbox-pg/checkout/submit). The card number is checked
 * and masked here and then forgotten: it is in no redirect, row or log line.
 *   approve → IN_PROGRESS, back to successUrl?paymentKey&orderId&amount (confirmed by the merchant later)
 *   decline → ABORTED, failUrl?code=REJECT_CARD_COMPANY
 *   timeout → the employee waits `timeoutMs`, then ABORTED, failUrl?code=PAY_PROCESS_ABORTED
 *   cancel  → nothing recorded, failUrl?code=PAY_PROCESS_CANCELED
 */
export async function handleCheckoutSubmit(request: Request, pg: SandboxPg): Promise<Response> {
  const form = await request.formData().catch(() => null);
  const field = (name: string) => {
    const value = form?.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const values = Object.fromEntries(
    ["clientKey", "orderId", "orderName", "amount", "successUrl", "failUrl", "customerKey"].map((name) => [name, field(name)]),
  );
  const params = parseCheckout(values, pg);
  const action = z.enum(CHECKOUT_ACTIONS).safeParse(field("action"));
  if (!params || !action.success) return new Response("잘못된 결제 요청입니다.", { status: 400 });

  const fail = (code: string, message: string) => redirect(params.failUrl, { code, message, orderId: params.orderId });
  if (action.data === "cancel") return fail("PAY_PROCESS_CANCELED", "사용자에 의해 결제가 취소되었습니다.");

  const digits = cardDigits(field("cardNumber") ?? "");
  const expiryOk = expiryValid(field("expiry") ?? "", pg.now());
  if (!digits || !expiryOk) {
    // Back to the page, saying which field is wrong; never what was typed.
    const back = new URL(request.url);
    back.pathname = back.pathname.replace(/\/submit$/, "");
    back.search = new URLSearchParams({
      ...Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined)),
      error: !digits ? "card" : "expiry",
    }).toString();
    return new Response(null, { status: 303, headers: { Location: `${back.pathname}${back.search}` } });
  }

  if (await findByOrderId(pg.db, params.orderId)) return fail("DUPLICATED_ORDER_ID", "이미 승인 및 취소가 진행된 중복된 주문번호 입니다.");
  const row = await recordCheckout(pg.db, {
    orderId: params.orderId,
    orderName: params.orderName,
    amount: params.amount,
    successUrl: params.successUrl,
    failUrl: params.failUrl,
    customerKey: params.customerKey ?? null,
    cardLabel: maskCard(digits),
    status: action.data === "decline" ? "ABORTED" : "IN_PROGRESS",
  });
  if (!row) return fail("DUPLICATED_ORDER_ID", "이미 승인 및 취소가 진행된 중복된 주문번호 입니다.");
  const notify = (status: "ABORTED") => pg.webhooks.enqueue({ paymentKey: row.paymentKey, orderId: row.orderId, status });

  if (action.data === "approve") {
    return redirect(params.successUrl, { paymentKey: row.paymentKey, orderId: row.orderId, amount: row.amount.toString() });
  }
  if (action.data === "decline") {
    notify("ABORTED");
    return fail("REJECT_CARD_COMPANY", DECLINE_MESSAGE);
  }
  await new Promise((resolve) => setTimeout(resolve, pg.timeoutMs));
  const aborted = await setStatus(pg.db, row.paymentKey, "ABORTED");
  if (aborted) notify("ABORTED");
  return fail("PAY_PROCESS_ABORTED", "결제 시간이 초과되어 결제가 중단되었습니다.");
}
