import { accounts, devices, expect, signInAs, test } from "../fixtures";
import { newKioskAccount } from "./arrange";

/**
 * The store manager sets up "레몬에이드 50%" in admin; the kiosk shows it on the cart line and
 * the receipt. Lemonade is sold by no other spec, so their totals never change.
 */
test("a 50%-off promotion made in admin shows on the kiosk cart, the result and the printed receipt", async ({ browser }) => {
  const admin = await browser.newContext({ viewport: devices.desktop });
  await signInAs(admin, accounts.store_manager);
  const manager = await admin.newPage();
  await manager.goto("/admin/loyalty");
  const form = manager.getByTestId("promotion-form");
  const name = "레몬에이드 반값";
  await form.getByLabel("이름 (한국어)").fill(name);
  await form.getByLabel("이름 (영어)").fill("Half-price lemonade");
  await form.getByLabel("할인 값").fill("50");
  await form.getByTestId("scope-item-lemon-ade").check();
  await form.getByTestId("promotion-create").click();
  await expect(manager.getByTestId("promotion-row").filter({ hasText: name }).first()).toContainText("50%");
  await manager.screenshot({ path: "test-results/screens/loyalty-admin-promotion.png", fullPage: true });
  await admin.close();

  const kioskEmail = await newKioskAccount("promo");
  const kiosk = await browser.newContext({ viewport: devices.kiosk });
  await signInAs(kiosk, kioskEmail);
  const page = await kiosk.newPage();
  await page.goto("/kiosk");
  await page.getByRole("tab", { name: "에이드·스무디" }).click();
  await page.getByTestId("menu-tile").filter({ hasText: "레몬에이드" }).click();
  await page.getByRole("dialog", { name: "레몬에이드" }).getByTestId("sheet-add").click();

  const cart = page.getByTestId("cart");
  await expect(cart.getByTestId("line-discount")).toHaveText(/할인 · 레몬에이드 반값.*−2,250원/);
  await expect(cart.getByTestId("cart-line-list-price")).toHaveText("4,500원");
  await expect(cart.getByTestId("cart-line-total")).toHaveText("2,250원");
  await expect(cart.getByTestId("cart-total")).toHaveText("2,250원");
  await page.screenshot({ path: "test-results/screens/loyalty-kiosk-cart-promotion.png" });

  await page.getByRole("button", { name: "결제하기" }).click();
  await expect(page.getByTestId("payment-total")).toHaveText("2,250원");
  await page.getByRole("tab", { name: "현금" }).click();
  await page.getByRole("button", { name: "10,000원" }).click();
  await page.getByTestId("cash-submit").click();

  const result = page.getByTestId("payment-result");
  await expect(result.getByTestId("result-total")).toHaveText("2,250원");
  await expect(result.getByTestId("result-discount")).toContainText("−2,250원");
  await expect(result.getByTestId("line-discount")).toHaveText(/레몬에이드 반값.*−2,250원/);
  await expect(result.getByTestId("tender")).toHaveText([/현금\s*2,250원/]);
  await page.screenshot({ path: "test-results/screens/loyalty-kiosk-result-promotion.png" });

  const receipt = page.getByTestId("print-receipt");
  await expect(receipt.getByTestId("print-receipt-line")).toHaveText([/레몬에이드 ×1\s*4,500원.*할인 레몬에이드 반값.*−2,250원/]);
  await expect(receipt.getByTestId("print-receipt-discount-total")).toHaveText(/할인 합계\s*−2,250원/);
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: "test-results/screens/loyalty-receipt-promotion.png", fullPage: true });
  await kiosk.close();
});
