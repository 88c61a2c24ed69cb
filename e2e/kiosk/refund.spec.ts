import type { APIRequestContext, Page, TestInfo } from "@playwright/test";
import { accounts, devices, e2eDatabase, expect, signInAs, test } from "../fixtures";
import { newKioskAccount } from "./arrange";

/**
 * A customer brings back part of an order: the barista finds it by its number, picks the
 * line, the manager types the PIN, and the screen says where the money went. The database
 * is shared with specs running in parallel, so nothing assumes a pickup number.
 */
test.use({ viewport: devices.kiosk });

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await page.screenshot({ path: `test-results/screens/kiosk-${name}.png` });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** An iced large americano and a bagel, paid in cash through the kiosk's own API. */
async function cashSale(request: APIRequestContext, baseURL: string) {
  const sql = e2eDatabase();
  try {
    const items = await sql<{ id: string; code: string }[]>`
      select i.id, i.code from menu_items i join stores s on s.id = i.store_id
      where s.code = 'hq-cafe' and i.code in ('americano', 'bagel')`;
    const choices = await sql<{ id: string }[]>`
      select c.id from option_choices c join option_groups g on g.id = c.group_id join stores s on s.id = g.store_id
      where s.code = 'hq-cafe' and c.code in ('iced', 'large')`;
    const id = (code: string) => items.find((item) => item.code === code)?.id;
    const response = await request.post("/api/trpc/orders.checkout", {
      data: JSON.stringify({
        json: {
          idempotencyKey: `e2e-refund-${crypto.randomUUID()}`,
          lines: [
            { itemId: id("americano"), quantity: 1, optionIds: choices.map((choice) => choice.id) },
            { itemId: id("bagel"), quantity: 1, optionIds: [] },
          ],
          remainder: { method: "cash", tendered: 10_000 },
        },
      }),
      headers: { "content-type": "application/json", origin: baseURL },
    });
    expect(response.status()).toBe(200);
    return (await response.json()).result.data.json as { orderId: string; pickupNumber: number; total: string };
  } finally {
    await sql.end();
  }
}

async function orderState(orderId: string) {
  const sql = e2eDatabase();
  try {
    const [order] = await sql<{ status: string; refunded: string; refunds: number; actor: string | null }[]>`
      select o.status, o.refunded_amount::text as refunded,
             (select count(*)::int from refunds r where r.order_id = o.id) as refunds,
             (select u.email from audit_log a join users u on u.id = a.actor_id
               where a.entity_id = o.id::text and a.action = 'order.refund' limit 1) as actor
      from orders o where o.id = ${orderId}`;
    return order;
  } finally {
    await sql.end();
  }
}

const pinKey = (page: Page, digit: string) => page.getByTestId("pin-keypad").getByRole("button", { name: digit, exact: true });

async function typePin(page: Page, pin: string) {
  for (const digit of pin) await pinKey(page, digit).click();
}

test("one line of a cash sale is refunded with the manager's PIN; a wrong PIN refunds nothing", async ({ page, context, baseURL }, testInfo) => {
  await signInAs(context, accounts.barista);
  const sale = await cashSale(context.request, baseURL ?? "");
  expect(sale.total).toBe("6800");

  await page.goto("/kiosk");
  await page.getByRole("link", { name: "환불" }).click();
  await expect(page).toHaveURL(/\/kiosk\/refunds$/);
  const row = page.locator(`[data-testid="refund-order-row"][data-pickup-number="${sale.pickupNumber}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText("아메리카노 외 1개");
  await expect(row).toContainText("6,800원");
  await expect(row).toContainText("결제 완료");
  await shot(page, testInfo, "refunds-list");

  // Found by its number, as the customer reads it off the receipt.
  await page.getByTestId("refund-search").fill(String(sale.pickupNumber));
  await expect(page.getByTestId("refund-order-row").first()).toHaveAttribute("data-pickup-number", String(sale.pickupNumber));
  await row.click();

  const detail = page.getByTestId("refund-detail");
  await expect(detail.getByTestId("refund-order-title")).toHaveText(`${sale.pickupNumber}번 주문`);
  const lines = detail.getByTestId("refund-line");
  await expect(lines).toHaveCount(2);
  await expect(lines.nth(0)).toContainText("아메리카노");
  await expect(lines.nth(0).getByTestId("refund-line-options")).toHaveText("차갑게 · 라지");
  await expect(detail.getByTestId("refund-tender")).toHaveText([/현금\s*6,800원/]);
  await expect(detail.getByTestId("refund-approve")).toBeDisabled();
  await expect(detail.getByTestId("refund-blocker")).toHaveText("환불할 메뉴와 수량을 고르세요.");

  await detail.getByRole("button", { name: "크림치즈 베이글 하나 더 환불" }).click();
  await expect(lines.nth(1).getByTestId("refund-line-quantity")).toHaveText("1/1");
  await expect(detail.getByTestId("refund-amount")).toHaveText("3,800원");
  await expect(detail.getByTestId("refund-blocker")).toHaveText("환불 사유를 고르세요.");
  await detail.getByRole("button", { name: "주문 실수" }).click();
  await expect(detail.getByRole("button", { name: "주문 실수" })).toHaveAttribute("aria-pressed", "true");
  await shot(page, testInfo, "refunds-detail");
  await detail.getByTestId("refund-approve").click();

  const dialog = page.getByRole("dialog", { name: "매니저 승인" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("pin-subtitle")).toHaveText(`${sale.pickupNumber}번 주문 · 3,800원 환불`);
  await expect(dialog.getByTestId("pin-confirm")).toBeDisabled();

  // A wrong PIN: refused in Korean, nothing refunded.
  await typePin(page, "9999");
  await dialog.getByTestId("pin-confirm").click();
  await expect(dialog.getByTestId("pin-error")).toHaveText("매니저 PIN이 맞지 않습니다. 다시 입력하세요. 환불되지 않았습니다.");
  expect(await orderState(sale.orderId)).toEqual({ status: "paid", refunded: "0", refunds: 0, actor: null });
  await shot(page, testInfo, "refunds-pin-wrong");

  // The manager's PIN, typed on a keyboard this time for the first digit.
  await page.keyboard.press("1");
  await typePin(page, "234");
  await expect(dialog.getByTestId("pin-dots")).toHaveAttribute("aria-label", "4자리 입력됨");
  await shot(page, testInfo, "refunds-pin");
  await dialog.getByTestId("pin-confirm").click();

  const done = page.getByTestId("refund-done");
  await expect(done.getByTestId("refund-done-title")).toHaveText("3,800원 환불했습니다");
  await expect(done.getByTestId("refund-done-tender")).toHaveText([/현금\s*→ 현금으로 돌려줌\s*3,800원/]);
  await expect(done.getByTestId("refund-done-todo")).toHaveText(["고객에게 현금 3,800원을 돌려주세요."]);
  await expect(done.getByTestId("refund-done-status")).toHaveText("주문 상태: 부분 환불");
  await expect(done.getByTestId("refund-done-approved")).toHaveText("승인: 문매니저");
  await expect(dialog).toHaveCount(0);
  await shot(page, testInfo, "refunds-done");
  // The americano is still owed: the order keeps its place in the queue; lists say "partially refunded".
  expect(await orderState(sale.orderId)).toEqual({ status: "paid", refunded: "3800", refunds: 1, actor: accounts.store_manager });

  // Back in the list the order says what happened, and the bagel cannot be refunded twice.
  await done.getByTestId("refund-done-close").click();
  await expect(row).toContainText("부분 환불");
  await row.click();
  await expect(lines.nth(1).getByTestId("refund-line-refunded")).toHaveText("모두 환불됨");
  await expect(lines.nth(1).getByRole("button", { name: /하나 더 환불/ })).toHaveCount(0);
  await expect(detail.getByTestId("refund-history")).toContainText("3,800원 · 주문 실수 · 문매니저");
  await expect(detail.getByTestId("refund-tender")).toHaveText([/현금\s*6,800원\s*3,800원 환불됨/]);

  // The americano is still to be made: the order stays in the queue, with only what is left.
  await page.goto("/kiosk/queue");
  const queued = page.getByTestId("queue-new").getByTestId("queue-order").filter({ has: page.getByText(String(sale.pickupNumber), { exact: true }) });
  await expect(queued).toContainText("아메리카노");
  await expect(queued).not.toContainText("베이글");
});

test("a card sale's refund is canceled on the terminal that charged it", async ({ page, context, baseURL }, testInfo) => {
  // A kiosk account of its own: the sandbox terminal is per kiosk, so no other spec chooses its next outcome.
  await signInAs(context, await newKioskAccount("card-refund"));
  const sql = e2eDatabase();
  const [cookie] = await sql<{ id: string }[]>`
    select i.id from menu_items i join stores s on s.id = i.store_id where s.code = 'hq-cafe' and i.code = 'cookie'`;
  await sql.end();
  const response = await context.request.post("/api/trpc/card.checkout", {
    data: JSON.stringify({ json: { idempotencyKey: `e2e-card-refund-${crypto.randomUUID()}`, lines: [{ itemId: cookie?.id, quantity: 2, optionIds: [] }] } }),
    headers: { "content-type": "application/json", origin: baseURL ?? "" },
  });
  expect(response.status()).toBe(200);
  const sale = (await response.json()).result.data.json as { orderId: string; pickupNumber: number; card: { approvalNumber: string } };

  await page.goto("/kiosk/refunds");
  await page.locator(`[data-testid="refund-order-row"][data-pickup-number="${sale.pickupNumber}"]`).click();
  const detail = page.getByTestId("refund-detail");
  await detail.getByRole("button", { name: /하나 더 환불/ }).first().click();
  await detail.getByRole("button", { name: "주문 실수" }).click();
  await detail.getByTestId("refund-approve").click();
  await typePin(page, "1234");
  await page.getByRole("dialog", { name: "매니저 승인" }).getByTestId("pin-confirm").click();

  const done = page.getByTestId("refund-done");
  await expect(done.getByTestId("refund-done-tender")).toHaveText([/카드\s*→ 카드 승인 취소\s*2,000원/]);
  await expect(done.getByTestId("refund-done-card")).toHaveAttribute("data-outcome", "canceled");
  await expect(done.getByTestId("refund-done-card")).toHaveText("카드 2,000원 승인 취소가 단말기에서 끝났습니다.");
  await expect(done.getByTestId("refund-done-todo")).toHaveCount(0);
  await shot(page, testInfo, "refunds-card-done");
});
