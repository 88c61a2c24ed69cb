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

/**
 * Editing a promotion in admin reprices the kiosk cart at once. Strawberry smoothie is on no
 * other spec's cart, and this one only prices a cart, so no other total moves.
 */
test("a promotion edited in admin prices the kiosk cart at its new percentage; a bad value is refused in place", async ({ browser }) => {
  const admin = await browser.newContext({ viewport: devices.desktop });
  await signInAs(admin, accounts.store_manager);
  const manager = await admin.newPage();
  await manager.goto("/admin/loyalty");
  const form = manager.getByTestId("promotion-form");
  const name = "딸기 스무디 할인";
  await form.getByLabel("이름 (한국어)").fill(name);
  await form.getByLabel("이름 (영어)").fill("Strawberry smoothie off");
  await form.getByLabel("할인 값").fill("10");
  await form.getByTestId("scope-item-strawberry-smoothie").check();
  await form.getByTestId("promotion-create").click();
  const row = manager.getByTestId("promotion-row").filter({ hasText: name });
  await expect(row).toContainText("10%");
  // The create form is empty again for the next promotion.
  await expect(form.getByLabel("이름 (한국어)")).toHaveValue("");

  await row.getByRole("button", { name: `${name} 편집` }).click();
  const dialog = manager.getByTestId("promotion-dialog");
  const editForm = dialog.getByTestId("promotion-edit-form");
  await expect(editForm.getByLabel("이름 (한국어)")).toHaveValue(name);
  await expect(editForm.getByLabel("할인 값")).toHaveValue("10");
  await expect(editForm.getByTestId("scope-item-strawberry-smoothie")).toBeChecked();
  await expect(dialog.getByTestId("editing-note")).toContainText("이미 주문에 들어간 할인은 그대로입니다");
  await editForm.getByLabel("할인 값").fill("150");
  await editForm.getByTestId("promotion-save").click();
  await expect(editForm.getByRole("alert")).toHaveText("할인율은 1~100 사이여야 합니다.");
  await expect(row).toContainText("10%");
  await manager.screenshot({ path: "test-results/screens/loyalty-admin-promotion-edit-ko.png" });

  await editForm.getByLabel("할인 값").fill("40");
  await editForm.getByTestId("promotion-save").click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("40%");

  await manager.getByRole("button", { name: "English" }).click();
  await manager.getByTestId("promotion-row").filter({ hasText: "Strawberry smoothie off" }).getByRole("button", { name: "Edit Strawberry smoothie off" }).click();
  await expect(dialog.getByRole("button", { name: "Save" })).toBeVisible();
  await expect(dialog.getByTestId("editing-note")).toContainText("Discounts already on orders stay as they were");
  await manager.screenshot({ path: "test-results/screens/loyalty-admin-promotion-edit-en.png" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await admin.close();

  const kioskEmail = await newKioskAccount("promo-edit");
  const kiosk = await browser.newContext({ viewport: devices.kiosk });
  await signInAs(kiosk, kioskEmail);
  const page = await kiosk.newPage();
  await page.goto("/kiosk");
  await page.getByRole("tab", { name: "에이드·스무디" }).click();
  await page.getByTestId("menu-tile").filter({ hasText: "딸기 스무디" }).click();
  await page.getByRole("dialog", { name: "딸기 스무디" }).getByTestId("sheet-add").click();
  const cart = page.getByTestId("cart");
  await expect(cart.getByTestId("line-discount")).toHaveText(/할인 · 딸기 스무디 할인.*−2,000원/);
  await expect(cart.getByTestId("cart-line-list-price")).toHaveText("5,000원");
  await expect(cart.getByTestId("cart-total")).toHaveText("3,000원");
  await kiosk.close();
});
