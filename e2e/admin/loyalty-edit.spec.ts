import { accounts, devices, expect, signInAs, test } from "../fixtures";

/**
 * A stamp program is edited in the same form it was made in. It earns on strawberry smoothie,
 * which no spec pays for, so no other spec's stamps move.
 */
test("a manager edits a stamp program's stamps per coupon and coupon value in the form it was made in", async ({ browser }) => {
  const admin = await browser.newContext({ viewport: devices.desktop });
  await signInAs(admin, accounts.store_manager);
  const page = await admin.newPage();
  await page.goto("/admin/loyalty");
  const form = page.getByTestId("program-form");
  const name = "딸기 스무디 스탬프";
  await form.getByLabel("이름 (한국어)").fill(name);
  await form.getByLabel("이름 (영어)").fill("Strawberry stamps");
  await form.getByTestId("scope-item-strawberry-smoothie").check();
  await form.getByTestId("program-create").click();
  const row = page.getByTestId("program-row").filter({ hasText: name });
  await expect(row).toContainText("10");
  await expect(row).toContainText("4,500원");

  await row.getByRole("button", { name: `${name} 편집` }).click();
  const dialog = page.getByTestId("program-dialog");
  const editForm = dialog.getByTestId("program-edit-form");
  await expect(editForm.getByLabel("쿠폰까지 스탬프")).toHaveValue("10");
  await expect(editForm.getByTestId("scope-item-strawberry-smoothie")).toBeChecked();
  await expect(dialog.getByTestId("editing-note")).toContainText("다음 쿠폰부터 새 스탬프 수를 따릅니다");
  await editForm.getByLabel("쿠폰까지 스탬프").fill("8");
  await editForm.getByLabel("쿠폰 최대 금액 (원)").fill("3000");
  await page.screenshot({ path: "test-results/screens/loyalty-admin-program-edit-ko.png" });
  await editForm.getByTestId("program-save").click();
  await expect(dialog).toBeHidden();
  await expect(row.getByRole("cell")).toHaveText([name, "8", "3,000원", "90", /편집/]);
  await admin.close();
});
