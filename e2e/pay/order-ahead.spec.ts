import { readFileSync } from "node:fs";
import { connect } from "../../db/client";
import { creditWalletFromPg } from "../../server/domain/payments/top-up";
import { browserSubscription, startPushEndpoint, verifyVapid } from "../../test/push-endpoint";
import { E2E_DATABASE_FILE } from "../database-file";
import { devices, e2eDatabase, expect, signInAs, test } from "../fixtures";
import { newKioskAccount } from "../kiosk/arrange";

/**
 * Order ahead, end to end: an employee orders an iced large americano on the phone and pays
 * from the wallet; the kiosk queue rings and shows it; the barista moves it along; the phone's
 * status page follows live, and "ready" reaches the phone's push service as a real Web Push.
 */
const EMPLOYEE = "employee21@canteen.dev";

async function fundWallet(email: string, amount: bigint) {
  const database = connect(readFileSync(E2E_DATABASE_FILE, "utf8").trim(), { max: 1 });
  try {
    const [employee] = await database.sql<{ id: string }[]>`select id from users where email = ${email}`;
    if (!employee) throw new Error(`no user ${email}`);
    await database.db.transaction((tx) => creditWalletFromPg({ tx, input: { employeeId: employee.id, amount, memo: "e2e order-ahead funds" } }));
  } finally {
    await database.close();
  }
}

async function setSoldOut(code: string, soldOut: boolean) {
  const sql = e2eDatabase();
  try {
    await sql`update menu_items set is_sold_out = ${soldOut} where code = ${code} and store_id = (select id from stores where code = 'hq-cafe')`;
  } finally {
    await sql.end();
  }
}

test("order ahead on the phone → kiosk queue → ready live on the phone and as a Web Push", async ({ page, context, browser, baseURL }) => {
  test.setTimeout(90_000);
  await fundWallet(EMPLOYEE, 20_000n);
  await setSoldOut("espresso", true);
  const pushService = await startPushEndpoint();
  try {
    // The phone: signed in, with a push subscription whose endpoint is our local push service
    // (headless Chromium cannot reach a real one), keys made here as a browser would.
    await page.setViewportSize(devices.phone);
    await signInAs(context, EMPLOYEE);
    const phoneSubscription = browserSubscription(`${pushService.origin}/push/${crypto.randomUUID()}`);
    const subscribed = await context.request.post("/api/trpc/push.subscribe", {
      data: JSON.stringify({ json: { endpoint: phoneSubscription.endpoint, keys: phoneSubscription.keys } }),
      headers: { "content-type": "application/json", origin: baseURL ?? "" },
    });
    expect(subscribed.status()).toBe(200);

    // The kiosk: its own account, on the queue, with the chime counted.
    const kioskEmail = await newKioskAccount("order-ahead");
    const kioskContext = await browser.newContext({ baseURL, viewport: devices.kiosk, locale: "ko-KR", timezoneId: "Asia/Seoul" });
    await kioskContext.addInitScript(() => {
      const counter = window as unknown as { __chimes: number };
      counter.__chimes = 0;
      const Original = window.AudioContext;
      window.AudioContext = class extends Original {
        override createOscillator() {
          counter.__chimes++;
          return super.createOscillator();
        }
      };
    });
    await signInAs(kioskContext, kioskEmail);
    const kiosk = await kioskContext.newPage();
    await kiosk.goto("/kiosk/queue");
    await expect(kiosk.getByTestId("queue-new")).toBeVisible();

    // Pick the store, then the menu: coffee first, espresso sold out and not orderable.
    await page.goto("/pay/order");
    await expect(page.getByTestId("push-opt-in")).toHaveCount(0);
    await page.getByTestId("order-store-link").filter({ hasText: "본사 카페" }).click();
    await expect(page.getByTestId("order-store")).toHaveText("본사 카페");
    const espresso = page.getByTestId("menu-item").filter({ hasText: "에스프레소" });
    await expect(espresso).toBeDisabled();
    await expect(espresso.getByTestId("sold-out")).toHaveText("품절");
    await page.screenshot({ path: "test-results/screens/pay-order-menu.png" });

    // Options: defaults chosen (hot, regular); switch to iced and large (+500).
    await page.getByTestId("menu-item").filter({ hasText: "아메리카노" }).click();
    const sheet = page.getByTestId("item-sheet");
    await expect(sheet.getByRole("radio", { name: /따뜻하게/ })).toHaveAttribute("aria-checked", "true");
    await expect(sheet.getByRole("radio", { name: /레귤러/ })).toHaveAttribute("aria-checked", "true");
    await sheet.getByRole("radio", { name: /차갑게/ }).click();
    await sheet.getByRole("radio", { name: /라지/ }).click();
    await expect(sheet.getByTestId("sheet-price")).toHaveText("3,000원");
    await page.screenshot({ path: "test-results/screens/pay-order-options.png" });
    await sheet.getByTestId("sheet-add").click();
    await expect(page.getByTestId("cart-count")).toHaveText("1");

    await page.getByTestId("open-cart").click();
    const cart = page.getByTestId("order-cart");
    await expect(cart.getByTestId("cart-line")).toHaveCount(1);
    await expect(cart.getByTestId("cart-line")).toContainText("차갑게 · 라지");
    await expect(page.getByTestId("preview-wallet")).toHaveText("-3,000원");
    await expect(page.getByTestId("shortfall")).toHaveCount(0);
    await page.screenshot({ path: "test-results/screens/pay-order-cart.png" });
    await page.getByTestId("place-order").click();

    // The status page: the pickup number, "received", and now (not before) the offer to notify.
    await expect(page).toHaveURL(/\/pay\/order\/[0-9a-f-]{36}\?placed=1$/);
    const orderId = /\/pay\/order\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? "";
    const status = page.getByTestId("order-status");
    await expect(status).toHaveAttribute("data-status", "paid");
    const pickupNumber = (await page.getByTestId("pickup-number").textContent())?.trim() ?? "";
    expect(pickupNumber).toMatch(/^\d+$/);
    await expect(page.getByTestId("push-opt-in")).toBeVisible();
    await page.screenshot({ path: "test-results/screens/pay-order-status-paid.png" });

    // The kiosk hears it (a chime for a paid-ahead order) and shows it under "new".
    const card = (column: string) => kiosk.getByTestId(column).getByTestId("queue-order").filter({ has: kiosk.getByText(pickupNumber, { exact: true }) });
    await expect(card("queue-new")).toBeVisible();
    await expect(card("queue-new")).toContainText("미리 주문");
    await expect(card("queue-new")).toContainText("아메리카노 × 1");
    await expect.poll(() => kiosk.evaluate(() => (window as unknown as { __chimes: number }).__chimes)).toBeGreaterThan(0);

    // Barista: preparing, then ready. The phone follows without a reload.
    await card("queue-new").click();
    await expect(card("queue-preparing")).toBeVisible();
    await expect(status).toHaveAttribute("data-status", "preparing");
    await expect(page.getByTestId("status-headline")).toHaveText("메뉴를 만들고 있어요");
    expect(pushService.received).toHaveLength(0);

    await card("queue-preparing").click();
    await expect(card("queue-ready")).toBeVisible();
    await expect(status).toHaveAttribute("data-status", "ready");
    await expect(page.getByTestId("status-headline")).toHaveText("준비됐어요! 카운터에서 찾아가세요");
    await page.screenshot({ path: "test-results/screens/pay-order-status-ready.png" });

    // A real Web Push reached the phone's push service: VAPID-signed, encrypted for this phone.
    const [message] = await pushService.waitFor(1);
    if (!message) throw new Error("no push message");
    expect(message.path).toBe(new URL(phoneSubscription.endpoint).pathname);
    verifyVapid(message.headers, pushService.origin);
    expect(message.headers["content-encoding"]).toBe("aes128gcm");
    expect(Number(message.headers.ttl)).toBeGreaterThan(0);
    const payload = JSON.parse(phoneSubscription.decrypt(message.body)) as { orderId: string; url: string; texts: { ko: { title: string } } };
    expect(payload.orderId).toBe(orderId);
    expect(payload.url).toBe(`/pay/order/${orderId}`);
    expect(payload.texts.ko.title).toContain(pickupNumber);

    await card("queue-ready").click();
    await expect(status).toHaveAttribute("data-status", "picked_up");
    expect(pushService.received).toHaveLength(1);
    await kioskContext.close();
  } finally {
    await pushService.close();
    await setSoldOut("espresso", false);
  }
});

test("an order the wallet cannot cover says how much is missing and offers a top-up", async ({ page, context }) => {
  await page.setViewportSize(devices.phone);
  await signInAs(context, "employee22@canteen.dev");
  await page.goto("/pay/order?store=hq-cafe");
  await page.getByTestId("menu-item").filter({ hasText: "카라멜마끼아또" }).click();
  await page.getByTestId("sheet-add").click();
  await page.getByTestId("open-cart").click();
  await expect(page.getByTestId("shortfall")).toContainText("4,500원이 부족해요");
  await expect(page.getByRole("link", { name: "10,000원 충전하기" })).toHaveAttribute("href", "/pay/top-up?amount=10000");
  await expect(page.getByTestId("place-order")).toBeDisabled();
  await page.screenshot({ path: "test-results/screens/pay-order-short.png" });
  // The top-up screen starts with the amount that covers the order chosen.
  await page.getByRole("link", { name: "10,000원 충전하기" }).click();
  await expect(page.getByRole("radio", { name: "10,000원" })).toHaveAttribute("aria-checked", "true");
});

test("a payment whose answer is lost on the way back is retried with the same key and charged once", async ({ page, context }) => {
  const email = "employee23@canteen.dev";
  await fundWallet(email, 10_000n);
  await page.setViewportSize(devices.phone);
  await signInAs(context, email);
  // The first answer is dropped after the server has charged: the phone only sees the connection fail.
  let attempts = 0;
  await page.route("**/api/trpc/orderAhead.place**", async (route) => {
    attempts++;
    if (attempts === 1) {
      await route.fetch();
      await route.abort("connectionreset");
      return;
    }
    await route.continue();
  });
  await page.goto("/pay/order?store=hq-cafe");
  await page.getByTestId("menu-item").filter({ hasText: "아메리카노" }).click();
  await page.getByTestId("sheet-add").click();
  await page.getByTestId("open-cart").click();
  await page.getByTestId("place-order").click();
  await expect(page).toHaveURL(/\/pay\/order\/[0-9a-f-]{36}\?placed=1$/);
  expect(attempts).toBe(2);

  const sql = e2eDatabase();
  try {
    const orders = await sql`select o.id from orders o join users u on u.id = o.payer_id where u.email = ${email}`;
    expect(orders).toHaveLength(1);
    const [wallet] = await sql<{ balance: string }[]>`
      select a.balance::text from accounts a join users u on u.id = a.user_id where u.email = ${email} and a.kind = 'employee_wallet'`;
    expect(wallet?.balance).toBe("7500");
  } finally {
    await sql.end();
  }
});

test("the service worker shows a pushed 'ready' as a notification in the app's language", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["notifications"], { origin: baseURL });
  await page.setViewportSize(devices.phone);
  await signInAs(context, "employee24@canteen.dev");
  await page.goto("/pay/order");
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

  // Chromium's DevTools protocol delivers a push message to the worker as its push service would.
  const cdp = await context.newCDPSession(page);
  const registrations: { registrationId: string; scopeURL: string }[] = [];
  cdp.on("ServiceWorker.workerRegistrationUpdated", (event) => registrations.push(...event.registrations));
  await cdp.send("ServiceWorker.enable");
  await expect.poll(() => registrations.find((registration) => registration.scopeURL.endsWith("/pay"))).toBeTruthy();
  const registration = registrations.find((candidate) => candidate.scopeURL.endsWith("/pay"));
  const orderId = crypto.randomUUID();
  await cdp.send("ServiceWorker.deliverPushMessage", {
    origin: new URL(baseURL ?? "").origin,
    registrationId: registration?.registrationId ?? "",
    data: JSON.stringify({
      kind: "orderReady",
      orderId,
      url: `/pay/order/${orderId}`,
      tag: `order-${orderId}`,
      texts: { ko: { title: "주문하신 메뉴가 준비되었어요 (7번)", body: "본사 카페에서 7번으로 찾아가세요." }, en: { title: "Your order is ready (No. 7)", body: "Pick it up." } },
    }),
  });
  const shown = () =>
    page.evaluate(async () => {
      const ready = await navigator.serviceWorker.ready;
      return (await ready.getNotifications()).map((notification) => ({ title: notification.title, body: notification.body, tag: notification.tag, data: notification.data as unknown }));
    });
  await expect.poll(shown).toEqual([
    { title: "주문하신 메뉴가 준비되었어요 (7번)", body: "본사 카페에서 7번으로 찾아가세요.", tag: `order-${orderId}`, data: { url: `/pay/order/${orderId}` } },
  ]);
});

test("what the wallet does not cover is paid by card at the PG, and the order is placed", async ({ page, context }) => {
  const email = "employee31@canteen.dev";
  await fundWallet(email, 1_000n);
  await page.setViewportSize(devices.phone);
  await signInAs(context, email);
  await page.goto("/pay/order?store=hq-cafe");
  await page.getByTestId("menu-item").filter({ hasText: "카라멜마끼아또" }).click();
  await page.getByTestId("sheet-add").click();
  await page.getByTestId("open-cart").click();
  await expect(page.getByTestId("shortfall")).toContainText("3,500원이 부족해요");
  await page.getByTestId("pay-rest-by-card").click();

  // The PG's own page: the card's share only, typed there and never on Canteen's.
  await expect(page.getByTestId("sandbox-amount")).toHaveText("3,500원");
  await page.getByLabel("카드 번호").fill("4242 4242 4242 4242");
  await page.getByLabel("유효기간 (MM/YY)").fill("12/39");
  await page.getByRole("button", { name: "승인", exact: true }).click();

  await expect(page).toHaveURL(/\/pay\/order\/[0-9a-f-]{36}\?placed=1$/);
  const orderId = /\/pay\/order\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? "";
  const sql = e2eDatabase();
  try {
    const tenders = await sql<{ kind: string; amount: string }[]>`
      select kind::text, amount::text from payment_tenders where order_id = ${orderId} order by sequence`;
    expect(tenders).toEqual([
      { kind: "wallet", amount: "1000" },
      { kind: "card", amount: "3500" },
    ]);
    const [order] = await sql<{ status: string; source: string }[]>`select status::text, source::text from orders where id = ${orderId}`;
    expect(order).toEqual({ status: "paid", source: "pay_app" });
  } finally {
    await sql.end();
  }
  await page.screenshot({ path: "test-results/screens/pay-order-card-paid.png" });
});

test("a declined card places no order and charges nothing", async ({ page, context }) => {
  const email = "employee32@canteen.dev";
  await page.setViewportSize(devices.phone);
  await signInAs(context, email);
  await page.goto("/pay/order?store=hq-cafe");
  await page.getByTestId("menu-item").filter({ hasText: "아메리카노" }).click();
  await page.getByTestId("sheet-add").click();
  await page.getByTestId("open-cart").click();
  await page.getByTestId("pay-rest-by-card").click();
  await page.getByLabel("카드 번호").fill("4242 4242 4242 4242");
  await page.getByLabel("유효기간 (MM/YY)").fill("12/39");
  await page.getByRole("button", { name: "거절", exact: true }).click();
  await expect(page.getByTestId("order-card-declined")).toContainText("카드 결제가 거절됐어요");
  await expect(page.getByTestId("order-card-nothing-charged")).toHaveText("결제된 금액은 없어요. 주문도 접수되지 않았어요.");
  await page.screenshot({ path: "test-results/screens/pay-order-card-declined.png" });
  const sql = e2eDatabase();
  try {
    // The order waited for the card; the failed checkout released it.
    await expect
      .poll(async () => (await sql`select o.status::text as status from orders o join users u on u.id = o.created_by where u.email = ${email}`).map((row) => row.status))
      .toEqual(["canceled"]);
  } finally {
    await sql.end();
  }
});
