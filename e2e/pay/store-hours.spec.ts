import type { Page, TestInfo } from "@playwright/test";
import { devices, e2eDatabase, expect, signInAs, test } from "../fixtures";

/**
 * A store outside its opening hours: the phone shows it closed with when it opens instead of
 * a menu, the server refuses an order sent anyway, and the kiosk keeps selling with the state
 * in its header. The cafeteria is used because no other spec orders ahead from it; its hours
 * are put back (none set) at the end.
 */
const EMPLOYEE = "employee22@canteen.dev";

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await page.screenshot({ path: `test-results/screens/${name}.png` });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** Closed every day but tomorrow (in Seoul, the store's zone), so "closed now" holds whatever the hour. */
function openOnlyTomorrow() {
  const weekday = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Seoul", weekday: "short" }).format(new Date());
  const today = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(weekday);
  return Array.from({ length: 7 }, (_, day) => (day === (today + 1) % 7 ? { open: "09:00", close: "18:00" } : null));
}

test("a closed store: the phone shows when it opens and cannot order, the kiosk only says so", async ({ browser, context, page, baseURL }, testInfo) => {
  test.setTimeout(90_000);
  const sql = e2eDatabase();
  try {
    await sql`update stores set opening_hours = ${sql.json(openOnlyTomorrow())} where code = 'cafeteria'`;
    const [cafeteria] = await sql<{ id: string }[]>`select id from stores where code = 'cafeteria'`;
    const [item] = await sql<{ id: string }[]>`select i.id from menu_items i join stores s on s.id = i.store_id where s.code = 'cafeteria' and i.code = 'gimbap'`;

    await page.setViewportSize(devices.phone);
    await signInAs(context, EMPLOYEE);
    await page.goto("/pay/order");
    const cafeteriaLink = page.getByTestId("order-store-link").filter({ hasText: "식당" });
    await expect(cafeteriaLink.getByTestId("store-hours-badge")).toHaveText("영업 준비 중");
    await cafeteriaLink.click();
    const closed = page.getByTestId("store-closed");
    await expect(closed).toContainText("지금은 주문을 받지 않아요");
    await expect(closed.getByTestId("closed-today")).toHaveText("오늘은 휴무입니다");
    await expect(closed.getByTestId("closed-next")).toHaveText("내일 09:00에 문을 엽니다");
    await expect(page.getByTestId("menu-item")).toHaveCount(0);
    await expect(page.getByTestId("open-cart")).toHaveCount(0);
    await shot(page, testInfo, "pay-store-closed");

    // An order sent anyway (an old tab, a script) is refused by the server, and nothing is written.
    const ordersBefore = (await sql<{ n: number }[]>`select count(*)::int as n from orders where store_id = ${cafeteria?.id ?? ""}`)[0]?.n;
    const refused = await context.request.post("/api/trpc/orderAhead.place", {
      data: JSON.stringify({ json: { idempotencyKey: crypto.randomUUID(), storeId: cafeteria?.id, lines: [{ itemId: item?.id, quantity: 1, optionIds: [] }] } }),
      headers: { "content-type": "application/json", origin: baseURL ?? "" },
    });
    expect(refused.status()).toBe(412);
    expect(JSON.stringify(await refused.json())).toContain("storeClosed");
    const ordersAfter = (await sql<{ n: number }[]>`select count(*)::int as n from orders where store_id = ${cafeteria?.id ?? ""}`)[0]?.n;
    expect(ordersAfter).toBe(ordersBefore);

    // In English.
    await context.addCookies([{ name: "canteen_locale", value: "en", url: page.url() }]);
    await page.reload();
    await expect(closed.getByTestId("closed-today")).toHaveText("Closed today");
    await expect(closed.getByTestId("closed-next")).toHaveText("Opens tomorrow at 09:00");
    await shot(page, testInfo, "pay-store-closed-en");

    // The kiosk still sells; its header just says the store is closed.
    const kioskContext = await browser.newContext({ baseURL, viewport: devices.kiosk, locale: "ko-KR", timezoneId: "Asia/Seoul" });
    try {
      await signInAs(kioskContext, "kiosk.cafeteria@canteen.dev");
      const kiosk = await kioskContext.newPage();
      await kiosk.goto("/kiosk");
      await expect(kiosk.getByTestId("kiosk-hours")).toHaveText("영업 종료");
      await expect(kiosk.getByTestId("kiosk-hours")).toHaveAttribute("data-state", "closed");
      await expect(kiosk.getByTestId("menu-tile").first()).toBeEnabled();
      await shot(kiosk, testInfo, "kiosk-store-closed");

      // Open all day, every day: the header follows after a reload, the phone gets its menu back.
      const allDay = Array.from({ length: 7 }, () => ({ open: "00:00", close: "23:59" }));
      await sql`update stores set opening_hours = ${sql.json(allDay)} where code = 'cafeteria'`;
      await kiosk.reload();
      await expect(kiosk.getByTestId("kiosk-hours")).toHaveText("영업 중 · 23:59 마감");
      await kioskContext.addCookies([{ name: "canteen_locale", value: "en", url: kiosk.url() }]);
      await kiosk.reload();
      await expect(kiosk.getByTestId("kiosk-hours")).toHaveText("Open till 23:59");
      await shot(kiosk, testInfo, "kiosk-store-open-en");
    } finally {
      await kioskContext.close();
    }
    await page.reload();
    await expect(page.getByTestId("menu-item").first()).toBeVisible();
  } finally {
    await sql`update stores set opening_hours = null where code = 'cafeteria'`;
    await sql.end();
  }
});
