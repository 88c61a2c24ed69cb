import { accounts, devices, expect, signInWithForm, test } from "../fixtures";
import { DEMO_PASSWORD } from "../../db/seed-data";

const landings = [
  { role: "barista", path: "/kiosk", viewport: devices.kiosk, shows: /본사 카페/ },
  { role: "employee", path: "/pay", viewport: devices.phone, shows: /안녕하세요, 김민준님/ },
  { role: "hr_admin", path: "/admin/employees", viewport: devices.desktop, shows: /임직원 목록/ },
  { role: "store_manager", path: "/admin/menu", viewport: devices.desktop, shows: /본사 카페 메뉴/ },
] as const;

for (const landing of landings) {
  test(`${landing.role} signs in with the form and lands on their face`, async ({ page }) => {
    await page.setViewportSize(landing.viewport);
    await page.goto("/login");
    await signInWithForm(page, accounts[landing.role], DEMO_PASSWORD);
    await expect(page).toHaveURL(new RegExp(`${landing.path}$`));
    await expect(page.getByRole("heading").or(page.getByTestId("kiosk-store")).filter({ hasText: landing.shows }).first()).toBeVisible();
  });
}

test("the kiosk shows the store's menu from the database", async ({ page }) => {
  await page.setViewportSize(devices.kiosk);
  await page.goto("/kiosk");
  await expect(page).toHaveURL(/\/login\?face=kiosk/);
  await signInWithForm(page, accounts.barista, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/kiosk$/);
  await expect(page.getByRole("tab", { name: "커피", exact: true })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("menu-tile").filter({ hasText: "아메리카노" })).toContainText("2,500원");
  await page.getByRole("tab", { name: "베이커리" }).click();
  await expect(page.getByTestId("menu-tile").filter({ hasText: "크루아상" })).toContainText("3,200원");
});

test("a wrong password shows an error and keeps the person on the sign-in page", async ({ page }) => {
  await page.goto("/login");
  await signInWithForm(page, accounts.employee, "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("이메일 또는 비밀번호가 올바르지 않습니다.");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel("이메일")).toHaveValue(accounts.employee);
});

test("an empty or malformed email is pointed out by field", async ({ page }) => {
  await page.goto("/login");
  await signInWithForm(page, "", "");
  await expect(page.getByText("이메일을 입력하세요.")).toBeVisible();
  await expect(page.getByText("비밀번호를 입력하세요.")).toBeVisible();
  await signInWithForm(page, "not-an-email", "x");
  await expect(page.getByText("이메일 형식이 올바르지 않습니다.")).toBeVisible();
});

test("sign-out ends the session", async ({ page }) => {
  await page.setViewportSize(devices.phone);
  await page.goto("/pay");
  await signInWithForm(page, accounts.employee, DEMO_PASSWORD);
  await expect(page.getByTestId("pay-greeting")).toBeVisible();
  // The pay app keeps sign-out under More.
  await page.goto("/pay/more");
  await page.getByRole("button", { name: "로그아웃", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/pay");
  await expect(page).toHaveURL(/\/login\?face=pay&reason=signin/);
  await expect(page.getByTestId("login-reason")).toContainText("페이");
});

test("the sign-in page switches to English", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByRole("button", { name: "한국어" }).click();
  await expect(page.getByRole("heading", { name: "로그인" })).toBeVisible();
});
