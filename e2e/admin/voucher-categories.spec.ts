import type { BrowserContext, Page } from "@playwright/test";
import { accounts, devices, e2eDatabase, expect, signInAs, test } from "../fixtures";
import { giveVoucher, registerPhone } from "../kiosk/arrange";

/**
 * A meal voucher that pays only for some menu categories: HR picks them in the policy form,
 * and at the kiosk and on the phone the voucher covers only those lines, naming the rest.
 */
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/voucher-categories-${name}.png`, fullPage: true });
const inEnglish = (context: BrowserContext, page: Page) => context.addCookies([{ name: "canteen_locale", value: "en", url: page.url() }]);

/** A lunch voucher usable now that pays only for the HQ cafe's bakery, as an allocation under such a policy would give. */
async function giveBakeryVoucher(email: string, amount: bigint) {
  const sql = e2eDatabase();
  try {
    const [bakery] = await sql<{ id: string }[]>`
      select c.id from menu_categories c join stores s on s.id = c.store_id where s.code = 'hq-cafe' and c.code = 'bakery'`;
    if (!bakery) throw new Error("seed incomplete");
    await giveVoucher(email, amount, { categoryIds: [bakery.id] });
  } finally {
    await sql.end();
  }
}

test("HR limits a policy to the cafe's bakery; the list and the version history name it", async ({ page, context }) => {
  await page.setViewportSize(devices.desktop);
  await signInAs(context, accounts.hr_admin);
  await page.goto("/admin/vouchers/new");
  const name = `베이커리 식권 ${crypto.randomUUID().slice(0, 4)}`;
  await page.locator('input[name="name"]').fill(name);
  await page.locator('input[name="amount"]').fill("6000");
  const picker = page.getByTestId("policy-categories");
  await picker.getByLabel("모든 메뉴 분류").uncheck();
  await page.getByRole("button", { name: "정책 만들기" }).click();
  await expect(page.getByTestId("error-categoryIds")).toHaveText("분류를 하나 이상 고르거나 모든 분류를 선택해 주세요.");

  await expect(picker.getByRole("group", { name: "본사 카페" })).toBeVisible();
  await expect(picker.getByRole("group", { name: "식당" })).toBeVisible();
  await picker.getByRole("group", { name: "본사 카페" }).getByLabel("베이커리").check();
  await shot(page, "1-form-ko");
  await page.getByRole("button", { name: "정책 만들기" }).click();
  await expect(page).toHaveURL(/\/admin\/vouchers$/);
  const row = page.getByTestId("policies-table").getByRole("row", { name: new RegExp(name) });
  await expect(row.getByTestId("policy-categories-cell")).toHaveText("본사 카페: 베이커리");
  await shot(page, "2-list-ko");

  await inEnglish(context, page);
  await page.reload();
  await expect(row.getByTestId("policy-categories-cell")).toHaveText("HQ Cafe: Bakery");
  await shot(page, "3-list-en");
  await row.getByRole("link", { name }).click();
  await expect(page.getByTestId("policy-categories").getByRole("group", { name: "HQ Cafe" }).getByLabel("Bakery")).toBeChecked();
  await expect(page.getByTestId("version-categories")).toHaveText("Pays for HQ Cafe: Bakery");
  await shot(page, "4-detail-en");
});

test("at the kiosk a bakery-only voucher pays the croissant and names the americano it cannot pay", async ({ page, context }) => {
  const employee = "employee28@canteen.dev";
  await giveBakeryVoucher(employee, 9_000n);
  const phone = await registerPhone(employee);
  await page.setViewportSize(devices.kiosk);
  await signInAs(context, accounts.barista);
  await page.goto("/kiosk");
  const tile = (text: string) => page.getByTestId("menu-tile").filter({ hasText: text });
  await page.getByRole("tab", { name: "베이커리" }).click();
  await tile("크루아상").click();
  await page.getByRole("tab", { name: "커피", exact: true }).click();
  await tile("아메리카노").click();
  await page.getByRole("dialog", { name: "아메리카노" }).getByTestId("sheet-add").click();
  await page.getByRole("button", { name: "결제하기" }).click();
  await page.keyboard.type(await phone.code(), { delay: 8 });
  await page.keyboard.press("Enter");

  // 3,200 croissant by voucher; the 2,500 americano is left for card or cash (the wallet is empty).
  const split = page.getByTestId("split-chooser");
  await expect(split.getByTestId("voucher-excluded")).toHaveText("식권으로 결제할 수 없는 상품: 아메리카노");
  await expect(split.getByTestId("split-shortfall")).toHaveText("2,500원");
  await shot(page, "5-kiosk-split-ko");
  await inEnglish(context, page);
  await page.reload();
  await page.getByRole("tab", { name: "Bakery" }).click();
  await tile("Croissant").click();
  await page.getByRole("tab", { name: "Coffee", exact: true }).click();
  await tile("Americano").click();
  await page.getByRole("dialog", { name: "Americano" }).getByTestId("sheet-add").click();
  await page.getByRole("button", { name: "Pay", exact: true }).click();
  await page.keyboard.type(await phone.code(), { delay: 8 });
  await page.keyboard.press("Enter");
  await expect(split.getByTestId("voucher-excluded")).toHaveText("The meal voucher can't pay for: Americano");
  await expect(split.getByTestId("split-shortfall")).toHaveText("₩2,500");
  await shot(page, "6-kiosk-split-en");
  await split.getByTestId("split-card").click();
  await expect(page.getByTestId("payment-result").getByTestId("tender")).toHaveText([/3,200/, /2,500/]);
});

test("on the phone the cart shows the voucher covering only the bakery items", async ({ page, context }) => {
  const employee = "employee29@canteen.dev";
  await giveBakeryVoucher(employee, 9_000n);
  await page.setViewportSize(devices.phone);
  await signInAs(context, employee);
  await page.goto("/pay/order");
  await page.getByTestId("order-store-link").filter({ hasText: "본사 카페" }).click();
  const sheet = page.getByTestId("item-sheet");
  await page.getByRole("tab", { name: "베이커리" }).click();
  await page.getByTestId("menu-item").filter({ hasText: "스콘" }).click();
  await sheet.getByTestId("sheet-add").click();
  await expect(page.getByTestId("cart-count")).toHaveText("1");
  await page.getByRole("tab", { name: "커피", exact: true }).click();
  await page.getByTestId("menu-item").filter({ hasText: "아메리카노" }).click();
  await sheet.getByTestId("sheet-add").click();
  await expect(page.getByTestId("cart-count")).toHaveText("2");
  await page.getByTestId("open-cart").click();
  await expect(page.getByTestId("preview-voucher")).toContainText("-3,000원");
  await expect(page.getByTestId("preview-voucher-excluded")).toHaveText("식권으로 결제할 수 없는 상품: 아메리카노");
  await expect(page.getByTestId("shortfall")).toContainText("2,500원");
  await shot(page, "7-pay-cart-ko");
  await inEnglish(context, page);
  await page.reload();
  await page.getByTestId("open-cart").click();
  await expect(page.getByTestId("preview-voucher-excluded")).toHaveText("The meal voucher can't pay for: Americano");
  await shot(page, "8-pay-cart-en");
});
