import { readFileSync } from "node:fs";
import { connect } from "../../db/client";
import { reportWorld } from "../../test/report-fixtures";
import { E2E_DATABASE_FILE } from "../database-file";
import { devices, expect, signInAs, test } from "../fixtures";

test.use({ viewport: devices.desktop });

const shot = (name: string) => ({ path: `test-results/screens/admin-reports-${name}.png`, fullPage: true });

/**
 * March 2031 of voucher spending, made through the real checkout and refund by employees no other
 * spec pays with, so the month's figures are this spec's alone: cafe 15,500원, cafeteria 9,000원.
 */
test.beforeAll(async () => {
  const database = connect(readFileSync(E2E_DATABASE_FILE, "utf8").trim(), { max: 2 });
  try {
    const [row] = await database.sql<{ n: number }[]>`select count(*)::int as n from orders where business_date between '2031-03-01' and '2031-03-31'`;
    if (row?.n === 0) await reportWorld(database.db, { employeeNumbers: [26, 27, 28] });
  } finally {
    await database.close();
  }
});

test("HR reads the voucher dashboard, settles a month with a CSV for finance and splits the meal allowance for payroll", async ({ page, context }) => {
  await signInAs(context, "hr@canteen.dev");

  await page.goto("/admin/reports?from=2031-03-01&to=2031-03-31");
  await expect(page.getByRole("heading", { name: "식권 리포트" })).toBeVisible();
  await expect(page.getByTestId("stat-spend")).toHaveText("24,500원");
  await expect(page.getByTestId("stat-uses")).toHaveText("4건");
  await expect(page.getByTestId("stat-granted")).toHaveText("26,000원");
  await expect(page.getByTestId("stat-usage-rate")).toHaveText("84.6%");
  await expect(page.getByTestId("meal-lunch")).toContainText("16,500원");
  await expect(page.getByTestId("meal-dinner")).toContainText("8,000원");
  await expect(page.getByTestId("top-items").getByRole("row").nth(1)).toContainText("햄치즈 샌드위치");
  // The charts drew their bars.
  await expect(page.getByTestId("chart-by-day").locator(".recharts-bar-rectangle path").first()).toBeVisible();
  await expect(page.getByTestId("chart-by-department").locator(".recharts-bar-rectangle path").first()).toBeVisible();
  await page.screenshot(shot("1-dashboard"));

  // One store only, through the filter form.
  await page.getByLabel("매장").selectOption({ label: "식당" });
  await page.getByRole("button", { name: "적용" }).click();
  await expect(page).toHaveURL(/store=/);
  await expect(page.getByTestId("stat-spend")).toHaveText("9,000원");

  // A preset link sets this month's range.
  await page.getByRole("link", { name: "이번 달" }).click();
  await expect(page.getByRole("link", { name: "이번 달" })).toHaveAttribute("aria-current", "true");
  await page.screenshot(shot("2-dashboard-this-month"));

  await page.getByRole("link", { name: "월 정산" }).click();
  await expect(page).toHaveURL(/\/admin\/reports\/settlement$/);
  await page.locator('input[name="month"]').fill("2031-03");
  await page.getByRole("button", { name: "조회" }).click();
  await expect(page.getByTestId("settlement-total")).toContainText("24,500원");
  await expect(page.getByTestId("settlement-store-hq-cafe")).toContainText("15,500원");
  await expect(page.getByTestId("settlement-store-cafeteria")).toContainText("9,000원");
  const byDay = page.getByTestId("settlement-by-day");
  await expect(byDay.getByRole("row", { name: /2031-03-11/ })).toContainText("5,500원");
  await expect(byDay.locator("tfoot")).toContainText("24,500원");
  await expect(page.getByTestId("settlement-by-department").locator("tfoot")).toContainText("24,500원");
  await page.screenshot(shot("3-settlement"));

  const downloading = page.waitForEvent("download");
  await page.getByTestId("download-csv").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("voucher-settlement-2031-03.csv");
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
  expect(lines[0]).toBe("일자,매장,부서,건수,결제액,환불액,정산액");
  expect(lines).toContain("매장 합계,본사 카페,,3,18000,2500,15500");
  expect(lines.at(-1)).toBe("총계,,,4,27000,2500,24500");
  const xlsx = await page.request.get("/api/admin/reports/settlement?month=2031-03&format=xlsx");
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");

  await page.getByRole("link", { name: "식대 과세 구분" }).click();
  await expect(page).toHaveURL(/\/admin\/reports\/tax$/);
  await page.locator('input[name="month"]').fill("2031-03");
  await page.getByRole("button", { name: "조회" }).click();
  await expect(page.getByTestId("tax-net")).toContainText("24,500원");
  await expect(page.getByTestId("tax-table").getByRole("row")).toHaveCount(1 + 3 + 1);
  await page.screenshot(shot("4-tax"));

  // A cap of 10,000원 from March 2031: the employee who used 13,000원 has 3,000원 taxable.
  await page.getByRole("button", { name: "한도 바꾸기" }).click();
  await page.locator('input[name="allowance"]').fill("10000");
  await page.locator('input[name="effectiveMonth"]').fill("2031-03");
  await page.getByRole("button", { name: "저장" }).click();
  await expect(page.getByRole("status")).toHaveText("저장했습니다. 적용 시작 월부터 새 한도로 계산합니다.");
  await expect(page.getByTestId("allowance-amount")).toHaveText("10,000원");
  await expect(page.getByTestId("tax-taxable")).toHaveText("3,000원");
  await expect(page.getByTestId("tax-over-cap")).toHaveText("1");
  await page.screenshot(shot("5-tax-capped"));
});

test("a store manager sees no reports and can neither open them nor download the files", async ({ page, context }) => {
  await signInAs(context, "manager@canteen.dev");
  await page.goto("/admin/reports/settlement?month=2031-03");
  await expect(page).toHaveURL(/\/admin\/menu$/);
  await expect(page.getByRole("link", { name: "월 정산" })).toHaveCount(0);
  expect((await page.request.get("/api/admin/reports/settlement?month=2031-03&format=csv")).status()).toBe(403);
  expect((await page.request.get("/api/admin/reports/tax?month=2031-03&format=xlsx")).status()).toBe(403);
});
