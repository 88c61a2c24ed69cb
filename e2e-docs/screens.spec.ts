import type { Page } from "@playwright/test";
import { accounts, devices, expect, signInAs, test } from "../e2e/fixtures";
import { registerPhone } from "../e2e/kiosk/arrange";

/** Each face as a newcomer first sees it, saved where the README shows it. */
const save = (page: Page, name: string) => page.screenshot({ path: `docs/screens/${name}.png` });

test("the kiosk with an order in the cart", async ({ browser }) => {
  const context = await browser.newContext({ viewport: devices.kiosk });
  const page = await context.newPage();
  await signInAs(context, accounts.barista);
  await page.goto("/kiosk");
  await page.getByTestId("menu-tile").filter({ hasText: "아메리카노" }).first().click();
  const sheet = page.getByRole("dialog", { name: "아메리카노" });
  await sheet.getByRole("radio", { name: /차갑게/ }).click();
  await sheet.getByRole("radio", { name: /라지/ }).click();
  await sheet.getByTestId("sheet-add").click();
  await page.getByRole("tab", { name: "베이커리" }).click();
  await page.getByTestId("menu-tile").filter({ hasText: "크루아상" }).first().click();
  await expect(page.getByTestId("cart").getByTestId("cart-line")).toHaveCount(2);
  await save(page, "kiosk");
  await context.close();
});

test("the pay app's home and history", async ({ browser }) => {
  const context = await browser.newContext({ viewport: devices.phone, deviceScaleFactor: 2 });
  await context.addInitScript(() => localStorage.setItem("canteen.pay.install-dismissed", "dismissed"));
  await registerPhone(accounts.employee);
  await signInAs(context, accounts.employee);
  const page = await context.newPage();
  await page.goto("/pay");
  await expect(page.getByRole("main")).toBeVisible();
  await page.waitForLoadState("networkidle");
  await save(page, "pay");
  await page.goto("/pay/history");
  await expect(page.getByTestId("history-month")).toBeVisible();
  await page.waitForLoadState("networkidle");
  await save(page, "pay-history");
  await context.close();
});

test("the admin console: HR's reports and the manager's menu", async ({ browser }) => {
  const hr = await browser.newContext({ viewport: devices.desktop });
  await signInAs(hr, accounts.hr_admin);
  const page = await hr.newPage();
  await page.goto("/admin/reports");
  await page.waitForLoadState("networkidle");
  await save(page, "admin-reports");
  await hr.close();

  const manager = await browser.newContext({ viewport: devices.desktop });
  await signInAs(manager, accounts.store_manager);
  const menu = await manager.newPage();
  await menu.goto("/admin/menu");
  await menu.waitForLoadState("networkidle");
  await save(menu, "admin-menu");
  await manager.close();
});
