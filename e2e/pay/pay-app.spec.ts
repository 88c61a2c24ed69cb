import { mkdirSync } from "node:fs";
import type { BrowserContext, Page } from "@playwright/test";
import { generatePayCode } from "../../lib/paycode";
import { accounts, devices, e2eDatabase, expect, signInAs, test } from "../fixtures";
import { giveVoucher, nameOf, newKioskAccount, ordersBy, tendersOf } from "../kiosk/arrange";

/**
 * The employee's phone: sign in, the phone registers itself, the pay code shows as QR,
 * barcode and digits with a countdown; with no signal the app still opens from the service
 * worker and its code pays at the kiosk; revoked from More, the phone's codes are refused.
 */
test.use({ viewport: devices.phone, serviceWorkers: "allow" });

const SCREENS = "test-results/screens";
mkdirSync(SCREENS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENS}/${name}.png` });

const digitsOf = async (page: Page) => (await page.getByTestId("pay-code-digits").textContent())?.replace(/\s/g, "") ?? "";

/** A kiosk in a browser of its own, on the payment screen with a croissant (3,200원) in the cart. */
async function kioskReadyToPay(context: BrowserContext) {
  const kioskEmail = await newKioskAccount("pay-app");
  await signInAs(context, kioskEmail);
  const kiosk = await context.newPage();
  await kiosk.goto("/kiosk");
  await kiosk.getByRole("tab", { name: "베이커리" }).click();
  await kiosk.getByTestId("menu-tile").filter({ hasText: "크루아상" }).click();
  await kiosk.getByRole("button", { name: "결제하기" }).click();
  await expect(kiosk.getByTestId("payment-total")).toHaveText("3,200원");
  return { kiosk, kioskEmail };
}

/** Types the code as a keyboard-wedge scanner does: fast, then Enter. */
async function scan(kiosk: Page, code: string) {
  await kiosk.getByText("결제할 금액").click();
  await kiosk.keyboard.type(code, { delay: 8 });
  await kiosk.keyboard.press("Enter");
}

test("a phone registers, shows a live code, pays at the kiosk with no signal, and is refused once revoked", async ({ page, context, browser }) => {
  test.setTimeout(120_000);
  const email = "employee48@canteen.dev";
  await giveVoucher(email, 9_000n);
  await signInAs(context, email);

  await page.goto("/pay");
  await expect(page.getByTestId("pay-greeting")).toHaveText(`안녕하세요, ${await nameOf(email)}님`);
  await expect(page.getByTestId("wallet-balance")).toHaveText("0원");
  const lunch = page.getByTestId("voucher").filter({ hasText: "중식" });
  await expect(lunch.getByTestId("voucher-left")).toHaveText("9,000원");
  await expect(lunch.getByTestId("voucher-status")).toHaveText("지금 사용 가능");
  await shot(page, "pay-home");

  // One tap from home to the code; the phone registers itself on first use.
  await page.getByTestId("show-pay-code").click();
  await expect(page).toHaveURL(/\/pay\/code$/);
  await expect(page.getByTestId("pay-code-digits")).toHaveText(/^\d{6} \d{6} \d{6}$/, { timeout: 15_000 });
  await expect(page.getByTestId("pay-code-qr")).toBeVisible();
  await expect(page.getByTestId("pay-code-barcode")).toBeVisible();
  await expect(page.getByTestId("pay-code-countdown")).toHaveText(/^([1-9]|[12]\d|30)초$/);
  const online = await digitsOf(page);
  // The barcode is Code 128 subset C of the same digits: start C, then the first pair.
  const modules = await page.getByTestId("pay-code-barcode").getAttribute("data-modules");
  expect(modules?.startsWith("11010011100")).toBe(true);
  await shot(page, "pay-code");

  // One active device, the one on screen; a registration cut off by leaving home early was revoked.
  const activeDevices = async () => {
    const sql = e2eDatabase();
    try {
      return await sql<{ device_no: number }[]>`
        select d.device_no from pay_devices d join users u on u.id = d.user_id where u.email = ${email} and d.status = 'active'`;
    } finally {
      await sql.end();
    }
  };
  await expect.poll(activeDevices).toEqual([{ device_no: Number(online.slice(0, 9)) }]);

  // The worker must control the page (and have cached it) before the signal goes.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const cache = await caches.open("pay-pages");
        const [home, code] = await Promise.all(["/pay", "/pay/code"].map((url) => cache.match(url, { ignoreVary: true, ignoreSearch: true })));
        return Boolean(home && code);
      }),
    )
    .toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId("pay-offline-badge")).toBeVisible();
  await expect(page.getByTestId("pay-code-digits")).toHaveText(/^\d{6} \d{6} \d{6}$/);
  const offline = await digitsOf(page);
  expect(offline.slice(0, 9)).toBe(online.slice(0, 9));
  await shot(page, "pay-code-offline");
  // Home opens offline too, with the balances it last saw and their time.
  await page.goto("/pay");
  await expect(page.getByTestId("home-as-of")).toBeVisible();
  await expect(page.getByTestId("voucher").filter({ hasText: "중식" }).getByTestId("voucher-left")).toHaveText("9,000원");
  await shot(page, "pay-home-offline");

  // The code made offline pays at the kiosk: the voucher covers the croissant.
  const kioskContext = await browser.newContext({ viewport: devices.kiosk, locale: "ko-KR", timezoneId: "Asia/Seoul" });
  try {
    const { kiosk, kioskEmail } = await kioskReadyToPay(kioskContext);
    await scan(kiosk, offline);
    await expect(kiosk.getByTestId("payment-result").getByTestId("pickup-number")).toHaveText(/^\d+$/, { timeout: 15_000 });
    const [order] = await ordersBy(kioskEmail);
    expect(order?.status).toBe("paid");
    expect(await tendersOf(order?.id ?? "")).toEqual([expect.objectContaining({ kind: "voucher", amount: "3200" })]);

    // Back online: revoke this phone from More.
    await context.setOffline(false);
    const stored = await page.evaluate(() => Object.entries(localStorage).find(([key]) => key.startsWith("canteen.pay.device."))?.[1] ?? "");
    const { secret, deviceNo } = JSON.parse(stored) as { secret: string; deviceNo: number };
    await page.goto("/pay/more");
    const thisPhone = page.locator('[data-testid="device-row"][data-this-phone="true"]');
    await expect(thisPhone).toContainText("이 폰");
    await shot(page, "pay-more");
    await thisPhone.getByTestId("revoke-device").click();
    await thisPhone.getByTestId("confirm-revoke").click();
    await expect(thisPhone).toContainText("해지됨");
    await page.goto("/pay/code");
    await expect(page.getByTestId("pay-code-state")).toContainText("이 폰의 결제 코드가 해지됐어요");
    await expect(page.getByTestId("register-device")).toBeEnabled();
    await shot(page, "pay-code-revoked");
    // The secret is gone from the phone.
    expect(await page.evaluate(() => Object.values(localStorage).some((value) => value.includes('"secret"')))).toBe(false);

    // A code from the revoked phone's secret (as a copy made before would) is refused.
    await kiosk.getByTestId("new-order").click();
    await kiosk.getByRole("tab", { name: "베이커리" }).click();
    await kiosk.getByTestId("menu-tile").filter({ hasText: "크루아상" }).click();
    await kiosk.getByRole("button", { name: "결제하기" }).click();
    await scan(kiosk, await generatePayCode({ secret, deviceNo, now: new Date() }));
    await expect(kiosk.getByTestId("payment-error")).toHaveText("등록이 해지된 기기의 결제 코드입니다. 앱에서 기기를 다시 등록해 주세요.");

    // Registering again gives a new device and a working code.
    await page.getByTestId("register-device").click();
    await expect(page.getByTestId("pay-code-digits")).toHaveText(/^\d{6} \d{6} \d{6}$/);
    expect((await digitsOf(page)).slice(0, 9)).not.toBe(online.slice(0, 9));
  } finally {
    await kioskContext.close();
  }
});

test("sign out everywhere ends the person's other sessions too", async ({ page, context, browser }) => {
  const email = "employee49@canteen.dev";
  await signInAs(context, email);
  const other = await browser.newContext({ viewport: devices.phone, locale: "ko-KR" });
  try {
    await signInAs(other, email);
    const otherPage = await other.newPage();
    await otherPage.goto("/pay");
    await expect(otherPage.getByTestId("pay-greeting")).toBeVisible();

    await page.goto("/pay/more");
    await page.getByTestId("sign-out-everywhere").click();
    await shot(page, "pay-more-sign-out-everywhere");
    await page.getByTestId("confirm-sign-out-everywhere").click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/pay");
    await expect(page).toHaveURL(/\/login\?face=pay&reason=signin/);

    // The other phone: its next page load and its API calls are signed out.
    await otherPage.reload();
    await expect(otherPage).toHaveURL(/\/login\?face=pay&reason=signin/);
    const me = await other.request.get("/api/trpc/session.me");
    expect((await me.json()).result.data.json).toBeNull();

    // Signing in again works.
    await signInAs(other, email);
    await otherPage.goto("/pay");
    await expect(otherPage.getByTestId("pay-greeting")).toBeVisible();
  } finally {
    await other.close();
  }
});

test("HR revokes an employee's phone from the employees page", async ({ browser }) => {
  const email = "employee50@canteen.dev";
  const sql = e2eDatabase();
  try {
    await sql`insert into pay_devices (user_id, label, secret) select id, 'Galaxy S25 · Chrome', 'e2e-secret' from users where email = ${email}`;
  } finally {
    await sql.end();
  }
  const admin = await browser.newContext({ viewport: devices.desktop, locale: "ko-KR" });
  try {
    await signInAs(admin, accounts.hr_admin);
    const page = await admin.newPage();
    await page.goto(`/admin/employees?q=${encodeURIComponent(email)}`);
    await page.getByTestId("employee-pay-devices").first().click();
    const dialog = page.getByTestId("employee-pay-devices-dialog");
    const row = dialog.getByTestId("admin-pay-device").filter({ hasText: "Galaxy S25" });
    await row.getByTestId("admin-revoke").click();
    await row.getByTestId("admin-confirm-revoke").click();
    await expect(row).toContainText("해지됨");
    await shot(page, "admin-employee-pay-devices");
  } finally {
    await admin.close();
  }
  const check = e2eDatabase();
  try {
    const rows = await check<{ status: string; audited: number }[]>`
      select d.status::text, (select count(*)::int from audit_log a where a.entity_id = d.id::text and a.action = 'pay_device.revoke') as audited
      from pay_devices d join users u on u.id = d.user_id where u.email = ${email}`;
    expect(rows).toEqual([{ status: "revoked", audited: 1 }]);
  } finally {
    await check.end();
  }
});

test("More shows whether this phone gets 'order ready' notifications, with a switch to turn them on", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, viewport: devices.phone, locale: "ko-KR" });
  await context.grantPermissions(["notifications"], { origin: baseURL });
  const page = await context.newPage();
  await signInAs(context, "employee25@canteen.dev");
  await page.goto("/pay/more");
  // No subscription on this phone yet (headless Chromium has no push service to subscribe to).
  const setting = page.getByTestId("notification-setting");
  await expect(setting).toHaveAttribute("data-state", "off");
  await expect(setting).toContainText("주문이 준비되면 이 휴대폰으로 알려 드려요.");
  await expect(setting.getByRole("switch", { name: "주문 준비 알림" })).toHaveAttribute("aria-checked", "false");
  await page.screenshot({ path: "test-results/screens/pay-more-notifications.png" });
  await context.close();
});
