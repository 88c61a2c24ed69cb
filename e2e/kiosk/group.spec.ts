import type { Page, TestInfo } from "@playwright/test";
import { devices, expect, signInAs, test } from "../fixtures";
import { giveVoucher, nameOf, newKioskAccount, ordersBy, registerPhone, tendersOf } from "./arrange";

/**
 * A team lunch paid together (함께결제): three colleagues scan their pay codes on one order,
 * one of them with no voucher left. Their vouchers pay first; their wallets are empty (there
 * is no way to top one up yet), so the rest goes to the card terminal.
 */
test.use({ viewport: devices.kiosk });

const tile = (page: Page, name: string) => page.getByTestId("menu-tile").filter({ hasText: name });

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

test("three colleagues, one without a voucher: vouchers first, the rest by card, each share on the result", async ({ context, page }, testInfo) => {
  const kiosk = await newKioskAccount("group");
  const emails = ["employee41@canteen.dev", "employee42@canteen.dev", "employee43@canteen.dev"] as const;
  const phones = await Promise.all(emails.map((email) => registerPhone(email)));
  await giveVoucher(emails[0], 3_000n);
  await giveVoucher(emails[2], 3_000n);
  const names = await Promise.all(emails.map((email) => nameOf(email)));

  await signInAs(context, kiosk);
  await page.goto("/kiosk");
  await page.getByRole("tab", { name: "베이커리" }).click();
  await tile(page, "크루아상").click();
  await tile(page, "스콘").click();
  await tile(page, "초코칩 쿠키").click();
  await expect(page.getByTestId("cart-total")).toHaveText("8,200원");
  await page.getByRole("button", { name: "결제하기" }).click();
  await page.getByRole("tab", { name: "함께결제" }).click();
  await expect(page.getByTestId("group-code-input")).toBeFocused();
  await expect(page.getByTestId("group-pay")).toBeDisabled();

  // The scanner types each code and Enter; each becomes a chip showing only its last digits.
  const codes: string[] = [];
  for (const phone of phones) {
    const code = await phone.code();
    codes.push(code);
    await page.keyboard.type(code, { delay: 5 });
    await page.keyboard.press("Enter");
  }
  const chips = page.getByTestId("group-chip");
  await expect(chips).toHaveCount(3);
  await expect(chips.nth(0)).toContainText(codes[0]?.slice(-4) ?? "");
  await expect(chips.nth(0)).not.toContainText(codes[0]?.slice(0, 9) ?? "");

  // The first person scanned again: refused on the spot, still three people.
  await page.keyboard.type(codes[0] ?? "", { delay: 5 });
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("group-problem")).toHaveText("이미 넣은 결제 코드입니다.");
  await expect(chips).toHaveCount(3);
  await expect(page.getByRole("radio", { name: "똑같이 나눠" })).toHaveAttribute("aria-checked", "true");
  await shot(page, testInfo, "group-tab");

  // 8,200 − 3,000 − 3,000 = 2,200 that no wallet can pay: the rest by card.
  const groupCalls: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/trpc/orders.groupCheckout")) groupCalls.push(request.url());
  });
  await page.getByTestId("group-pay").dblclick();
  const split = page.getByTestId("split-chooser");
  await expect(split).toContainText("잔액이 2,200원 부족합니다");
  await expect(split.getByTestId("split-shortfall")).toHaveText("2,200원");
  await shot(page, testInfo, "group-short");
  expect(groupCalls).toHaveLength(1);
  await split.getByTestId("split-card").click();
  await expect(page.getByTestId("card-waiting")).toContainText("카드를 단말기에 꽂거나 대 주세요");
  await expect(page.getByTestId("card-waiting").getByTestId("card-amount")).toHaveText("2,200원");

  const result = page.getByTestId("payment-result");
  await expect(result.getByTestId("tender")).toHaveText([/중식 식권\s*3,000원/, /중식 식권\s*3,000원/, /카드\s*2,200원/]);
  const shares = result.getByTestId("payer-share");
  await expect(shares).toHaveCount(3);
  await expect(shares.getByTestId("payer-name")).toHaveText(names);
  await expect(shares.getByTestId("payer-amounts")).toHaveText([
    "식권 3,000원 · 페이 0원",
    "식권 0원 · 페이 0원",
    "식권 3,000원 · 페이 0원",
  ]);
  await shot(page, testInfo, "group-result");

  // One order, with each voucher on its owner.
  const orders = await ordersBy(kiosk);
  expect(orders).toEqual([expect.objectContaining({ status: "paid", total: "8200" })]);
  const tenders = await tendersOf(orders[0]?.id ?? "");
  expect(tenders.map((tender) => [tender.kind, tender.amount, tender.payer])).toEqual([
    ["voucher", "3000", names[0]],
    ["voucher", "3000", names[2]],
    ["card", "2200", null],
  ]);
});
