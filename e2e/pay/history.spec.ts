import { mkdirSync } from "node:fs";
import type { Page, TestInfo } from "@playwright/test";
import { devices, expect, signInAs, test } from "../fixtures";
import { giveVoucher, newKioskAccount, registerPhone } from "../kiosk/arrange";

/**
 * The employee keeps the purchase history open on their phone while paying at the counter:
 * the receipt appears by itself, with every line and option, and a refund at the kiosk shows
 * on the receipt a moment later. Employee 36 is this spec's own; nothing assumes a pickup number.
 */
test.use({ viewport: devices.phone });

const EMPLOYEE = "employee36@canteen.dev";
const COLLEAGUE = "employee37@canteen.dev";

/** What the phone's screen shows (the tab bar is fixed, so a full-page capture would misplace it). */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  mkdirSync("test-results/screens", { recursive: true });
  await page.screenshot({ path: `test-results/screens/pay-${name}.png` });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

const tile = (page: Page, name: string) => page.getByTestId("menu-tile").filter({ hasText: name });

test("a kiosk sale appears live in the open history; its receipt shows the options and, later, the refund", async ({ browser, context, page }, testInfo) => {
  test.setTimeout(90_000);
  await giveVoucher(EMPLOYEE, 20_000n);
  const phone = await registerPhone(EMPLOYEE);
  // The install banner is another story's; it would only cover the list here.
  await context.addInitScript(() => localStorage.setItem("canteen.pay.install-dismissed", "dismissed"));
  await signInAs(context, EMPLOYEE);

  // The phone: this month's history, still empty, listening to the employee's own events.
  const stream = page.waitForResponse((response) => response.url().endsWith("/api/events/me") && response.status() === 200);
  await page.goto("/pay/history");
  await stream;
  await expect(page.getByTestId("history-month")).toBeVisible();
  await expect(page.getByTestId("history-empty")).toHaveText(/이 달에는 구매 내역이 없어요/);
  await expect(page.getByTestId("voucher-none")).toBeVisible();
  await shot(page, testInfo, "history-empty");

  // The counter, on a tablet of its own: an iced large americano and a croissant, paid by the code.
  const kioskContext = await browser.newContext({ viewport: devices.kiosk, locale: "ko-KR", timezoneId: "Asia/Seoul" });
  try {
    const kiosk = await kioskContext.newPage();
    const kioskEmail = await newKioskAccount("history");
    await signInAs(kioskContext, kioskEmail);
    await kiosk.goto("/kiosk");
    await tile(kiosk, "아메리카노").click();
    const sheet = kiosk.getByRole("dialog", { name: "아메리카노" });
    await sheet.getByRole("radio", { name: /차갑게/ }).click();
    await sheet.getByRole("radio", { name: /라지/ }).click();
    await sheet.getByTestId("sheet-add").click();
    await kiosk.getByRole("tab", { name: "베이커리" }).click();
    await tile(kiosk, "크루아상").click();
    await expect(kiosk.getByTestId("cart-total")).toHaveText("6,200원");
    await kiosk.getByRole("button", { name: "결제하기" }).click();
    await expect(kiosk.getByTestId("pay-code-input")).toBeFocused();
    await kiosk.keyboard.type(await phone.code(), { delay: 5 });
    await kiosk.keyboard.press("Enter");
    const result = kiosk.getByTestId("payment-result");
    await expect(result.getByTestId("pickup-number")).toHaveText(/^\d+$/);
    const paidAt = Date.now();
    const pickupNumber = (await result.getByTestId("pickup-number").textContent()) ?? "";

    // Without a reload, the receipt is on the phone within a few seconds (the stream, not polling).
    const row = page.getByTestId("purchase-row");
    await expect(row).toHaveCount(1, { timeout: 5_000 });
    const arrivedMs = Date.now() - paidAt;
    testInfo.annotations.push({ type: "receipt arrived after", description: `${arrivedMs} ms` });
    console.log(`history: the receipt was on the phone ${arrivedMs} ms after the kiosk showed the result`);
    await expect(row.getByTestId("purchase-items")).toHaveText("아메리카노 외 1개");
    await expect(row.getByTestId("purchase-store")).toHaveText("본사 카페");
    await expect(row.getByTestId("purchase-pickup")).toHaveText(`${pickupNumber}번`);
    await expect(row.getByTestId("purchase-total")).toHaveText("6,200원");
    await expect(row.getByTestId("purchase-status")).toHaveText("결제 완료");
    await expect(page.getByTestId("voucher-total")).toHaveText("6,200원");
    await expect(page.getByTestId("voucher-days")).toHaveText("1일 사용");
    await expect(page.getByTestId("voucher-meal").filter({ hasText: "중식" })).toContainText("6,200원");
    await shot(page, testInfo, "history");

    // The receipt: both lines with their options, what paid, the pickup number.
    await row.click();
    const receipt = page.getByTestId("receipt");
    await expect(receipt).toBeVisible();
    const orderId = (await receipt.getAttribute("data-order-id")) ?? "";
    await expect(page).toHaveURL(new RegExp(`/pay/history/${orderId}$`));
    const lines = receipt.getByTestId("receipt-line");
    await expect(lines).toHaveCount(2);
    await expect(lines.nth(0).getByTestId("receipt-line-name")).toHaveText("아메리카노");
    await expect(lines.nth(0).getByTestId("receipt-line-options")).toHaveText("차갑게 · 라지");
    await expect(lines.nth(0)).toContainText("3,000원");
    await expect(lines.nth(1).getByTestId("receipt-line-name")).toHaveText("크루아상");
    await expect(lines.nth(1).getByTestId("receipt-line-options")).toHaveCount(0);
    await expect(receipt.getByTestId("receipt-pickup")).toHaveText(pickupNumber);
    await expect(receipt.getByTestId("receipt-store")).toHaveText("본사 카페");
    await expect(receipt.getByTestId("receipt-total")).toHaveText("6,200원");
    await expect(receipt.getByTestId("receipt-tender")).toHaveText([/중식 식권\s*6,200원/]);
    await expect(receipt.getByTestId("purchase-status")).toHaveText("결제 완료");
    await expect(receipt.getByTestId("receipt-refunds")).toHaveCount(0);
    await shot(page, testInfo, "receipt");

    // The croissant goes back at the kiosk, with the manager's PIN.
    await kiosk.getByTestId("new-order").click();
    await kiosk.getByRole("link", { name: "환불" }).click();
    const orderRow = kiosk.locator(`[data-testid="refund-order-row"][data-pickup-number="${pickupNumber}"]`);
    await orderRow.click();
    const detail = kiosk.getByTestId("refund-detail");
    await detail.getByRole("button", { name: "크루아상 하나 더 환불" }).click();
    await detail.getByRole("button", { name: "주문 실수" }).click();
    await detail.getByTestId("refund-approve").click();
    const pin = kiosk.getByTestId("pin-keypad");
    for (const digit of "1234") await pin.getByRole("button", { name: digit, exact: true }).click();
    await kiosk.getByRole("dialog", { name: "매니저 승인" }).getByTestId("pin-confirm").click();
    await expect(kiosk.getByTestId("refund-done-title")).toHaveText("3,200원 환불했습니다");

    // The open receipt shows it by itself: which line, how much, back to the voucher.
    const refund = receipt.getByTestId("receipt-refund");
    await expect(refund).toHaveCount(1, { timeout: 5_000 });
    await expect(refund.getByTestId("receipt-refund-line")).toHaveText(["크루아상 × 1"]);
    await expect(refund.getByTestId("receipt-refund-amount")).toHaveText("-3,200원");
    await expect(refund.getByTestId("receipt-refund-tender")).toHaveText([/식권으로 돌려받음\s*3,200원/]);
    await expect(receipt.getByTestId("purchase-status")).toHaveText("부분 환불");
    await expect(lines.nth(1).getByTestId("receipt-line-refunded")).toHaveText("1개 환불");
    await expect(receipt.getByTestId("receipt-tender-refunded")).toHaveText("3,200원 환불");
    await expect(receipt.getByTestId("receipt-refunded-to-me")).toHaveText("3,200원");
    await shot(page, testInfo, "receipt-refunded");
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await shot(page, testInfo, "receipt-refunded-bottom");

    // Back in the list the order says so, and the voucher use is net of the refund.
    await page.getByTestId("receipt-back").click();
    await expect(page.getByTestId("purchase-row").getByTestId("purchase-status")).toHaveText("부분 환불");
    await expect(page.getByTestId("purchase-row").getByTestId("purchase-refunded")).toHaveText("3,200원 환불");
    await expect(page.getByTestId("voucher-total")).toHaveText("3,000원");

    // In English, the same receipt.
    await context.addCookies([{ name: "canteen_locale", value: "en", url: page.url() }]);
    await page.goto(`/pay/history/${orderId}`);
    await expect(receipt.getByTestId("receipt-store")).toHaveText("HQ Cafe");
    await expect(lines.nth(0).getByTestId("receipt-line-options")).toHaveText("Iced · Large");
    await expect(receipt.getByTestId("receipt-tender")).toHaveText([/Lunch voucher\s*₩6,200/]);
    await expect(receipt.getByTestId("purchase-status")).toHaveText("Partly refunded");
    await shot(page, testInfo, "receipt-en");
    await page.goto("/pay/history");
    await expect(page.getByTestId("purchase-row").getByTestId("purchase-items")).toHaveText("Americano and 1 more");
    await shot(page, testInfo, "history-en");

    // A colleague who has the link sees nothing of it.
    const colleagueContext = await browser.newContext({ viewport: devices.phone, locale: "ko-KR", timezoneId: "Asia/Seoul" });
    try {
      await signInAs(colleagueContext, COLLEAGUE);
      const other = await colleagueContext.newPage();
      await other.goto(`/pay/history/${orderId}`);
      await expect(other.getByTestId("receipt-not-found")).toContainText("영수증을 찾을 수 없어요");
      await expect(other.getByTestId("receipt")).toHaveCount(0);
      await expect(other.getByText("크루아상")).toHaveCount(0);
    } finally {
      await colleagueContext.close();
    }
  } finally {
    await kioskContext.close();
  }
});

test("a group payment (함께결제) shows the second payer the whole order but only their share", async ({ browser, context, page }, testInfo) => {
  const FIRST = "employee38@canteen.dev";
  const SECOND = "employee39@canteen.dev";
  const phones = [await registerPhone(FIRST), await registerPhone(SECOND)];
  await giveVoucher(FIRST, 5_000n);
  await giveVoucher(SECOND, 5_000n);

  const kioskContext = await browser.newContext({ viewport: devices.kiosk, locale: "ko-KR", timezoneId: "Asia/Seoul" });
  try {
    const kiosk = await kioskContext.newPage();
    await signInAs(kioskContext, await newKioskAccount("history-group"));
    await kiosk.goto("/kiosk");
    await kiosk.getByRole("tab", { name: "베이커리" }).click();
    await tile(kiosk, "크루아상").click();
    await tile(kiosk, "스콘").click();
    await tile(kiosk, "초코칩 쿠키").click();
    await expect(kiosk.getByTestId("cart-total")).toHaveText("8,200원");
    await kiosk.getByRole("button", { name: "결제하기" }).click();
    await kiosk.getByRole("tab", { name: "함께결제" }).click();
    await expect(kiosk.getByTestId("group-code-input")).toBeFocused();
    for (const phone of phones) {
      await kiosk.keyboard.type(await phone.code(), { delay: 5 });
      await kiosk.keyboard.press("Enter");
    }
    await expect(kiosk.getByTestId("group-chip")).toHaveCount(2);
    await kiosk.getByTestId("group-pay").click();
    // The first voucher pays 5,000, the second the other 3,200.
    await expect(kiosk.getByTestId("payment-result").getByTestId("tender")).toHaveCount(2);
  } finally {
    await kioskContext.close();
  }

  await context.addInitScript(() => localStorage.setItem("canteen.pay.install-dismissed", "dismissed"));
  await signInAs(context, SECOND);
  await page.goto("/pay/history");
  const row = page.getByTestId("purchase-row");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("purchase-items")).toHaveText("크루아상 외 2개");
  await expect(row.getByTestId("purchase-group")).toHaveText("함께결제 2명");
  await expect(row.getByTestId("purchase-total")).toHaveText("3,200원");
  await expect(row.getByTestId("purchase-order-total")).toHaveText("총 8,200원 중");
  await expect(page.getByTestId("voucher-total")).toHaveText("3,200원");
  await shot(page, testInfo, "history-group");

  // The month before has nothing; the next-month arrow brings this one back. There is no month after this one.
  const month = (await page.getByTestId("history-month").getAttribute("data-month")) ?? "";
  await page.getByTestId("month-prev").click();
  await expect(page.getByTestId("history-month")).not.toHaveAttribute("data-month", month);
  await expect(page.getByTestId("history-empty")).toBeVisible();
  await expect(page).toHaveURL(/\/pay\/history\?month=\d{4}-\d{2}$/);
  await page.getByTestId("month-next").click();
  await expect(page.getByTestId("history-month")).toHaveAttribute("data-month", month);
  await expect(row).toHaveCount(1);
  await expect(page.getByTestId("month-next")).toHaveCount(0);

  await row.click();
  const receipt = page.getByTestId("receipt");
  await expect(receipt.getByTestId("receipt-line")).toHaveCount(3);
  await expect(receipt.getByTestId("receipt-total")).toHaveText("8,200원");
  await expect(receipt.getByTestId("receipt-tender")).toHaveText([/중식 식권\s*3,200원/]);
  await expect(receipt.getByTestId("receipt-my-paid")).toHaveText("3,200원");
  await expect(receipt.getByTestId("receipt-others-paid")).toHaveText("5,000원");
  await expect(receipt).toContainText("함께결제 2명");
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await shot(page, testInfo, "receipt-group");
});
