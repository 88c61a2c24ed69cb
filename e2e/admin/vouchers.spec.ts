import { devices, expect, signInAs, test } from "../fixtures";

test.use({ viewport: devices.desktop });

function nextSeoulMonth() {
  const seoul = new Date(Date.now() + 9 * 3_600_000);
  const next = new Date(Date.UTC(seoul.getUTCFullYear(), seoul.getUTCMonth() + 1, 1));
  return `${next.getUTCFullYear()}-${String(next.getUTCMonth() + 1).padStart(2, "0")}`;
}

const shot = (name: string) => ({ path: `test-results/screens/admin-vouchers-${name}.png`, fullPage: true });

test("HR creates a lunch policy, previews next month, gives the vouchers and sees a balance", async ({ page, context }) => {
  await signInAs(context, "hr@canteen.dev");
  await page.goto("/admin/vouchers");
  await expect(page.getByRole("heading", { name: "식권 정책" })).toBeVisible();
  await page.screenshot(shot("1-policies-empty"));

  await page.getByRole("link", { name: "새 정책" }).click();
  await expect(page).toHaveURL(/\/admin\/vouchers\/new$/);
  // A window that ends before it starts, and no amount: both named, nothing saved.
  await page.locator('input[name="windowEnd"]').fill("10:00");
  await page.getByRole("button", { name: "정책 만들기" }).click();
  await expect(page.getByTestId("error-windowEnd")).toHaveText("종료 시간이 시작 시간보다 늦어야 합니다.");
  await expect(page.getByTestId("error-amount")).toBeVisible();
  await expect(page.getByTestId("error-name")).toHaveText("이름을 입력해 주세요.");
  await page.screenshot(shot("2-editor-errors"));

  await page.locator('input[name="name"]').fill("중식 기본");
  await page.locator('input[name="amount"]').fill("9000");
  await page.locator('input[name="windowStart"]').fill("11:00");
  await page.locator('input[name="windowEnd"]').fill("14:00");
  await page.getByRole("button", { name: "정책 만들기" }).click();
  await expect(page).toHaveURL(/\/admin\/vouchers$/);
  const row = page.getByTestId("policies-table").getByRole("row", { name: /중식 기본/ });
  await expect(row).toContainText("9,000원");
  await expect(row).toContainText("11:00–14:00");
  await expect(row).toContainText("월 화 수 목 금");
  await page.screenshot(shot("3-policies"));

  await page.getByRole("link", { name: "식권 지급" }).click();
  await expect(page).toHaveURL(/\/admin\/vouchers\/allocations$/);
  // Next month: today stays out of the period, so the vouchers other specs arrange are the only ones usable now.
  await page.locator('input[name="month"]').fill(nextSeoulMonth());
  await page.getByRole("button", { name: "미리 보기" }).click();
  const preview = page.getByTestId("allocation-preview");
  await expect(preview).toBeVisible();
  const total = (await page.getByTestId("preview-total").textContent())?.trim() ?? "";
  const grants = (await page.getByTestId("preview-grants").textContent())?.trim() ?? "";
  expect(total).toMatch(/원$/);
  await page.screenshot(shot("4-preview"));

  await preview.getByRole("button", { name: /지급/ }).click();
  const run = page.getByTestId("runs-table").getByRole("row").nth(1);
  await expect(run).toContainText("한인사");
  // What the preview said it would cost is what the run gave.
  await expect(run).toContainText(total);
  await expect(run).toContainText(grants);
  await page.screenshot(shot("5-run-listed"));

  // Running it again gives nothing more.
  await page.getByRole("button", { name: "미리 보기" }).click();
  await expect(page.getByTestId("preview-grants")).toHaveText("0");

  await page.getByRole("link", { name: "식권 조정" }).click();
  await page.locator('input[name="employee-search"]').fill("employee07");
  await page.getByRole("button", { name: "찾기" }).click();
  await page.getByRole("button", { name: /E1007/ }).click();
  await expect(page.getByTestId("voucher-balance")).toHaveText(/원$/);
  await page.screenshot(shot("6-employee-balance"));

  await page.getByRole("link", { name: "공휴일" }).click();
  await expect(page.getByTestId("holidays-table")).toContainText("성탄절");
  await page.screenshot(shot("7-holidays"));
});

test("a store manager sees no voucher menu and is sent away from the HR pages", async ({ page, context }) => {
  await signInAs(context, "manager@canteen.dev");
  await page.goto("/admin/vouchers/allocations");
  await expect(page).toHaveURL(/\/admin\/menu$/);
  await expect(page.getByRole("link", { name: "식권 지급" })).toHaveCount(0);
});
