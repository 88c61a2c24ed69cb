import type { Page, TestInfo } from "@playwright/test";
import { devices, expect, signInAs, test } from "../fixtures";
import { newKioskAccount, ordersBy, tendersOf } from "./arrange";

/**
 * Card at the kiosk's terminal (the sandbox terminal, whose next answer the barista picks on
 * the card tab): approve, decline and time-out. Each test is a kiosk of its own, so its
 * chosen outcome never meets another spec's card payment; e2e/server.ts shortens the
 * sandbox's time-out.
 */
test.use({ viewport: devices.kiosk });

let kiosk = "";
test.beforeEach(async ({ context, page }) => {
  kiosk = await newKioskAccount("card");
  await signInAs(context, kiosk);
  await page.goto("/kiosk");
  await expect(page.getByTestId("menu-tile").first()).toBeVisible();
});

const tile = (page: Page, name: string) => page.getByTestId("menu-tile").filter({ hasText: name });

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** Rings up one bakery item and opens the card tab. */
async function toCardTab(page: Page, item: string, amount: string) {
  await page.getByRole("tab", { name: "베이커리" }).click();
  await tile(page, item).click();
  await page.getByRole("button", { name: "결제하기" }).click();
  await page.getByRole("tab", { name: "카드" }).click();
  await expect(page.getByTestId("card-amount")).toHaveText(amount);
}

const sandbox = (page: Page) => page.getByTestId("sandbox-terminal");

test("approve: the terminal waits for the card, then the receipt carries the approval number", async ({ page }, testInfo) => {
  await toCardTab(page, "크루아상", "3,200원");
  await expect(sandbox(page).getByRole("radio", { name: "승인" })).toHaveAttribute("aria-checked", "true");
  await shot(page, testInfo, "card-idle");

  await page.getByTestId("card-submit").click();
  const waiting = page.getByTestId("card-waiting");
  await expect(waiting).toContainText("카드를 단말기에 꽂거나 대 주세요");
  await expect(waiting.getByTestId("card-amount")).toHaveText("3,200원");
  // Nothing else can be started while the terminal has the card.
  await expect(page.getByRole("tab", { name: "현금" })).toBeDisabled();
  await shot(page, testInfo, "card-waiting");

  const result = page.getByTestId("payment-result");
  await expect(result.getByTestId("tender")).toHaveText([/카드\s*3,200원/]);
  const approval = (await result.getByTestId("card-approval").textContent()) ?? "";
  expect(approval).toMatch(/^승인번호 \d{8}$/);
  await shot(page, testInfo, "card-approved");

  const [order] = await ordersBy(kiosk);
  expect(order).toMatchObject({ status: "paid", total: "3200" });
  expect(await tendersOf(order?.id ?? "")).toEqual([{ kind: "card", amount: "3200", reference: approval.replace("승인번호 ", ""), payer: null }]);
});

test("decline: the reason is shown, nothing is recorded, and trying again goes through", async ({ page }, testInfo) => {
  await toCardTab(page, "스콘", "3,000원");
  await sandbox(page).getByRole("radio", { name: "거절" }).click();
  await expect(sandbox(page).getByRole("radio", { name: "거절" })).toHaveAttribute("aria-checked", "true");
  await page.getByTestId("card-submit").click();

  const declined = page.getByTestId("card-declined");
  await expect(declined).toContainText("카드가 거절되었습니다");
  await expect(declined.getByTestId("card-decline-reason")).toHaveText("한도초과");
  await expect(declined).toContainText("결제되지 않았습니다");
  await shot(page, testInfo, "card-declined");
  expect(await ordersBy(kiosk)).toEqual([]);

  // The sandbox approves again after one charge; the barista taps "try again" (a new attempt).
  await expect(sandbox(page).getByRole("radio", { name: "승인" })).toHaveAttribute("aria-checked", "true");
  await declined.getByTestId("card-retry").click();
  const result = page.getByTestId("payment-result");
  await expect(result.getByTestId("tender")).toHaveText([/카드\s*3,000원/]);
  const orders = await ordersBy(kiosk);
  expect(orders).toHaveLength(1);
  expect(orders[0]).toMatchObject({ status: "paid", total: "3000" });
});

test("time-out: the screen says nothing was charged, and the barista takes cash instead", async ({ page }, testInfo) => {
  await toCardTab(page, "초코칩 쿠키", "2,000원");
  await sandbox(page).getByRole("radio", { name: "응답 없음" }).click();
  await expect(sandbox(page).getByRole("radio", { name: "응답 없음" })).toHaveAttribute("aria-checked", "true");
  await page.getByTestId("card-submit").click();
  await expect(page.getByTestId("card-waiting")).toBeVisible();

  const timedOut = page.getByTestId("card-timed-out");
  await expect(timedOut).toContainText("단말기가 응답하지 않았습니다", { timeout: 15_000 });
  await expect(timedOut).toContainText("결제되지 않았습니다. 청구된 금액은 없습니다.");
  await shot(page, testInfo, "card-timed-out");
  expect(await ordersBy(kiosk)).toEqual([]);

  await timedOut.getByTestId("card-cash").click();
  await expect(page.getByTestId("cash-due")).toHaveText("2,000원");
  await page.getByRole("button", { name: "금액 그대로" }).click();
  await page.getByTestId("cash-submit").click();
  const result = page.getByTestId("payment-result");
  await expect(result.getByTestId("tender")).toHaveText([/현금\s*2,000원/]);
  const orders = await ordersBy(kiosk);
  expect(orders).toHaveLength(1);
  expect(await tendersOf(orders[0]?.id ?? "")).toEqual([expect.objectContaining({ kind: "cash", amount: "2000" })]);
});
