import type { Page, TestInfo } from "@playwright/test";
import { accounts, devices, e2eDatabase, expect, signInAs, test } from "../fixtures";
import { registerPhone } from "./arrange";

/**
 * The barista's counter at the lunch rush: ring up with options, take cash, card and pay
 * codes, and never charge twice. The database is shared with other specs running in
 * parallel, so nothing here assumes a pickup number or another spec's data.
 */
test.use({ viewport: devices.kiosk });

test.beforeEach(async ({ context, page }) => {
  await signInAs(context, accounts.barista);
  await page.goto("/kiosk");
  await expect(page.getByTestId("menu-tile").first()).toBeVisible();
});

const tile = (page: Page, name: string) => page.getByTestId("menu-tile").filter({ hasText: name });
const cartLines = (page: Page) => page.getByTestId("cart").getByTestId("cart-line");

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

type SentCheckout = { procedure: string; idempotencyKey: string; payCode?: string; remainder?: { method: string } };

/** Every sale the page sends (orders.checkout, or card.checkout through the terminal), with the body it sent. */
function recordCheckouts(page: Page) {
  const sent: SentCheckout[] = [];
  page.on("request", (request) => {
    const procedure = ["orders.checkout", "card.checkout"].find((name) => request.url().includes(`/api/trpc/${name}`));
    if (!procedure) return;
    const body = request.postDataJSON() as Record<string, { json: Omit<SentCheckout, "procedure"> }>;
    for (const call of Object.values(body)) sent.push({ procedure, ...call.json });
  });
  return sent;
}

async function setSoldOut(code: string, soldOut: boolean) {
  const sql = e2eDatabase();
  try {
    await sql`
      update menu_items set is_sold_out = ${soldOut}
      where code = ${code} and store_id = (select id from stores where code = 'hq-cafe')`;
  } finally {
    await sql.end();
  }
}

test("an iced large americano and a croissant, paid in cash with change", async ({ page }, testInfo) => {
  await tile(page, "아메리카노").click();
  const sheet = page.getByRole("dialog", { name: "아메리카노" });
  // The defaults are already chosen: hot, regular.
  await expect(sheet.getByRole("radio", { name: /따뜻하게/ })).toHaveAttribute("aria-checked", "true");
  await expect(sheet.getByRole("radio", { name: /레귤러/ })).toHaveAttribute("aria-checked", "true");
  await expect(sheet.getByTestId("sheet-price")).toHaveText("2,500원");
  await sheet.getByRole("radio", { name: /차갑게/ }).click();
  await sheet.getByRole("radio", { name: /라지/ }).click();
  await expect(sheet.getByRole("radio", { name: /따뜻하게/ })).toHaveAttribute("aria-checked", "false");
  await expect(sheet.getByTestId("sheet-price")).toHaveText("3,000원");
  await shot(page, testInfo, "option-sheet");
  await sheet.getByTestId("sheet-add").click();
  await expect(sheet).toBeHidden();

  // No options: one tap puts it in the cart.
  await page.getByRole("tab", { name: "베이커리" }).click();
  await tile(page, "크루아상").click();

  await expect(cartLines(page)).toHaveCount(2);
  await expect(cartLines(page).nth(0).getByTestId("cart-line-name")).toHaveText("아메리카노");
  await expect(cartLines(page).nth(0).getByTestId("cart-line-options")).toHaveText("차갑게 · 라지");
  await expect(cartLines(page).nth(0).getByTestId("cart-line-total")).toHaveText("3,000원");
  await expect(cartLines(page).nth(1).getByTestId("cart-line-total")).toHaveText("3,200원");
  await expect(page.getByTestId("cart-total")).toHaveText("6,200원");
  await shot(page, testInfo, "menu-and-cart");

  const checkouts = recordCheckouts(page);
  await page.getByRole("button", { name: "결제하기" }).click();
  await expect(page.getByTestId("payment-total")).toHaveText("6,200원");
  await shot(page, testInfo, "payment-pay-code");
  await page.getByRole("tab", { name: "현금" }).click();
  await page.getByRole("button", { name: "10,000원" }).click();
  await expect(page.getByTestId("cash-tendered")).toHaveText("10,000원");
  await expect(page.getByTestId("cash-change")).toHaveText("3,800원");
  await shot(page, testInfo, "payment-cash");
  await page.getByTestId("cash-submit").click();

  const result = page.getByTestId("payment-result");
  await expect(result.getByTestId("pickup-number")).toHaveText(/^\d+$/);
  await expect(result.getByTestId("change-due")).toContainText("3,800원");
  await expect(result.getByTestId("result-total")).toHaveText("6,200원");
  await expect(result.getByTestId("tender")).toHaveText([/현금\s*6,200원/]);
  await shot(page, testInfo, "payment-result");
  expect(checkouts).toHaveLength(1);
  // superjson sends the bigint as its digits.
  expect(checkouts[0]).toMatchObject({ remainder: { method: "cash", tendered: "10000" } });

  // What the screen says is what the database recorded.
  const pickupNumber = Number(await result.getByTestId("pickup-number").textContent());
  const sql = e2eDatabase();
  try {
    const orders = await sql<{ status: string; total: string; cash: string; tendered: string }[]>`
      select o.status, o.total::text, t.amount::text as cash, t.cash_tendered::text as tendered
      from orders o join payment_tenders t on t.order_id = o.id
      where o.pickup_number = ${pickupNumber} and o.total = 6200 and t.kind = 'cash'
        and o.store_id = (select id from stores where code = 'hq-cafe') and o.created_at > now() - interval '5 minutes'`;
    expect(orders).toEqual([{ status: "paid", total: "6200", cash: "6200", tendered: "10000" }]);
  } finally {
    await sql.end();
  }

  await page.getByTestId("new-order").click();
  await expect(page.getByTestId("cart-total")).toHaveText("0원");
  await expect(cartLines(page)).toHaveCount(0);
});

test("a card payment is recorded once, even when the button is tapped twice", async ({ page }) => {
  await page.getByRole("tab", { name: "베이커리" }).click();
  await tile(page, "스콘").click();
  await tile(page, "스콘").click();
  await tile(page, "크림치즈 베이글").click();
  await expect(cartLines(page)).toHaveCount(2);
  await expect(cartLines(page).nth(0).getByTestId("cart-line-quantity")).toHaveText("2");
  await cartLines(page).nth(0).getByRole("button", { name: "하나 더" }).click();
  await expect(page.getByTestId("cart-total")).toHaveText("12,800원");

  const checkouts = recordCheckouts(page);
  await page.getByRole("button", { name: "결제하기" }).click();
  await page.getByRole("tab", { name: "카드" }).click();
  await expect(page.getByTestId("card-amount")).toHaveText("12,800원");
  await page.getByTestId("card-submit").dblclick();

  const result = page.getByTestId("payment-result");
  await expect(result.getByTestId("pickup-number")).toHaveText(/^\d+$/);
  await expect(result.getByTestId("tender")).toHaveText([/카드\s*12,800원/]);
  await expect(result.getByTestId("change-due")).toHaveCount(0);
  // One request to the terminal's procedure; the amount is the server's, never sent by the kiosk.
  expect(checkouts).toHaveLength(1);
  expect(checkouts[0]?.procedure).toBe("card.checkout");
  expect(checkouts[0]).not.toHaveProperty("remainder");
});

test("a sold-out item cannot be added, and one sold out after adding is refused at payment", async ({ page }, testInfo) => {
  await setSoldOut("sandwich", true);
  try {
    await page.reload();
    await page.getByRole("tab", { name: "베이커리" }).click();
    const sandwich = tile(page, "햄치즈 샌드위치");
    await expect(sandwich).toBeDisabled();
    await expect(sandwich).toContainText("품절");
    await shot(page, testInfo, "menu-sold-out");
    await sandwich.click({ force: true });
    await expect(cartLines(page)).toHaveCount(0);
    await expect(page.getByRole("button", { name: "결제하기" })).toBeDisabled();

    // Sold out on another device while it sits in this cart: the payment is refused, nothing is charged.
    await setSoldOut("sandwich", false);
    await page.reload();
    await page.getByRole("tab", { name: "베이커리" }).click();
    await tile(page, "햄치즈 샌드위치").click();
    await setSoldOut("sandwich", true);
    await page.getByRole("button", { name: "결제하기" }).click();
    await page.getByRole("tab", { name: "카드" }).click();
    await page.getByTestId("card-submit").click();
    await expect(page.getByTestId("payment-error")).toHaveText("햄치즈 샌드위치은(는) 품절입니다.");
    await expect(page.getByTestId("payment-result")).toHaveCount(0);

    await page.getByRole("button", { name: "주문 수정" }).click();
    await expect(tile(page, "햄치즈 샌드위치")).toBeDisabled();
    await expect(cartLines(page).first()).toContainText("품절");
    await expect(page.getByRole("button", { name: "결제하기" })).toBeDisabled();
    await cartLines(page).first().getByRole("button", { name: "햄치즈 샌드위치 빼기" }).click();
    await expect(cartLines(page)).toHaveCount(0);
  } finally {
    await setSoldOut("sandwich", false);
  }
});

test("a bad pay code shows the Korean error and charges nothing", async ({ page }, testInfo) => {
  await page.getByRole("tab", { name: "베이커리" }).click();
  await tile(page, "크루아상").click();
  const checkouts = recordCheckouts(page);
  await page.getByRole("button", { name: "결제하기" }).click();

  // The field has focus: typed digits and Enter go straight in.
  await expect(page.getByTestId("pay-code-input")).toBeFocused();
  await page.keyboard.type("12345");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("payment-error")).toHaveText(
    "결제 코드 형식이 올바르지 않습니다. 18자리 숫자를 다시 확인해 주세요.",
  );
  expect(checkouts).toHaveLength(0);

  // 18 digits of a phone that does not exist: the server refuses it.
  await page.keyboard.type("999999999000000000");
  await expect(page.getByTestId("pay-code-input")).toHaveValue("999999999000000000");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("payment-error")).toHaveText("유효하지 않은 결제 코드입니다. 앱에서 새 코드를 보여 주세요.");
  await shot(page, testInfo, "payment-pay-code-error");
  expect(checkouts).toHaveLength(1);
  await expect(page.getByTestId("payment-result")).toHaveCount(0);
});

test("a scanned pay code with nothing on it: the rest by card, and the code cannot be used again", async ({ page }, testInfo) => {
  const phone = await registerPhone("employee47@canteen.dev");
  await page.getByRole("tab", { name: "베이커리" }).click();
  await tile(page, "초코칩 쿠키").click();
  const checkouts = recordCheckouts(page);
  await page.getByRole("button", { name: "결제하기" }).click();

  // A keyboard-wedge scanner types fast and ends with Enter, wherever the focus is.
  await page.getByText("결제할 금액").click();
  await expect(page.getByTestId("pay-code-input")).not.toBeFocused();
  const code = await phone.code();
  await page.keyboard.type(code, { delay: 8 });
  await page.keyboard.press("Enter");

  // A new employee's wallet is empty and they have no voucher: all of it is left to pay.
  const split = page.getByTestId("split-chooser");
  await expect(split).toContainText("잔액이 2,000원 부족합니다");
  await expect(split.getByTestId("split-shortfall")).toHaveText("2,000원");
  await shot(page, testInfo, "payment-split");
  await split.getByTestId("split-card").click();

  const result = page.getByTestId("payment-result");
  await expect(result.getByTestId("pickup-number")).toHaveText(/^\d+$/);
  await expect(result.getByTestId("tender")).toHaveText([/카드\s*2,000원/]);
  // The refused first try did not use up the code; the second went with the same code and a new key.
  expect(checkouts.map((call) => call.payCode)).toEqual([code, code]);
  expect(checkouts.map((call) => call.procedure)).toEqual(["orders.checkout", "card.checkout"]);
  expect(checkouts[0]?.remainder).toEqual({ method: "none" });
  expect(checkouts[0]?.idempotencyKey).not.toBe(checkouts[1]?.idempotencyKey);

  // The same code on the next order is refused.
  await page.getByTestId("new-order").click();
  await page.getByRole("tab", { name: "베이커리" }).click();
  await tile(page, "초코칩 쿠키").click();
  await page.getByRole("button", { name: "결제하기" }).click();
  await page.keyboard.type(code);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("payment-error")).toHaveText("이미 사용된 결제 코드입니다. 새 코드를 보여 주세요.");
});

test("a payment whose answer is lost is retried with the same key and charged once", async ({ page }) => {
  await page.getByRole("tab", { name: "베이커리" }).click();
  await tile(page, "크루아상").click();
  const checkouts = recordCheckouts(page);
  // The server gets every request and answers; the tablet never hears back, three times over.
  let dropped = 0;
  await page.route("**/api/trpc/card.checkout**", async (route) => {
    if (dropped < 3) {
      dropped++;
      await route.fetch();
      await route.abort("internetdisconnected");
    } else {
      await route.continue();
    }
  });
  await page.getByRole("button", { name: "결제하기" }).click();
  await page.getByRole("tab", { name: "카드" }).click();
  await page.getByTestId("card-submit").click();

  const uncertain = page.getByTestId("payment-uncertain");
  await expect(uncertain).toContainText("결제 결과를 확인하지 못했습니다", { timeout: 15_000 });
  await expect(page.getByTestId("card-submit")).toBeDisabled();
  await uncertain.getByRole("button", { name: "다시 시도" }).click();

  const result = page.getByTestId("payment-result");
  await expect(result.getByTestId("tender")).toHaveText([/카드\s*3,200원/]);
  expect(checkouts.length).toBe(4);
  expect(new Set(checkouts.map((call) => call.idempotencyKey)).size).toBe(1);

  // One order and one card tender behind that key, though the server was asked four times.
  const sql = e2eDatabase();
  try {
    const rows = await sql<{ tenders: number; status: string }[]>`
      select o.status, (select count(*)::int from payment_tenders t where t.order_id = o.id) as tenders
      from idempotency_keys k
      join orders o on o.id = (k.response->'json'->>'orderId')::uuid
      where k.key = ${checkouts[0]?.idempotencyKey ?? ""} and k.procedure = 'card.checkout'`;
    expect(rows).toEqual([{ status: "paid", tenders: 1 }]);
  } finally {
    await sql.end();
  }
});
