import { mkdirSync } from "node:fs";
import os from "node:os";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { connect } from "../../db/client";
import { verifyLedger } from "../../server/domain/ledger/verify";
import { browserSubscription, startPushEndpoint, verifyVapid, type LocalPushEndpoint } from "../../test/push-endpoint";
import { generatedEmployees, asXlsx } from "../../test/people-files";
import { accounts, devices, expect, signInAs, test } from "../fixtures";
import { startStoryServer, type StoryServer } from "./story-server";

/**
 * The lunch rush, end to end, on one server and one database: HR gives lunch vouchers to
 * people it just imported; an employee tops up on the phone; the barista rings up a drink
 * and a sandwich paid by the phone's code (voucher first, wallet for the rest); the receipt,
 * the queue, the pickup display and a Web Push follow live; the manager refunds the
 * sandwich; HR's reports show the spend and the ledger verifies clean.
 *
 * The story runs against its own production server and database, whose business clock is
 * moved to a weekday noon in Seoul (CANTEEN_TEST_CLOCK_OFFSET_MS); every browser's clock is
 * moved by the same offset, so the phone's time-based pay code matches the server's window.
 */
test.describe.configure({ mode: "serial" });

const STORY_PORT = 3460;
const STORY_PG_PORT = 3461;
const EMPLOYEE = "employee05@canteen.dev";
const SCREENS = "test-results/screens";
mkdirSync(SCREENS, { recursive: true });
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `${SCREENS}/story-${name}.png`, fullPage });

let story: StoryServer;
let push: LocalPushEndpoint;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  story = await startStoryServer({ port: STORY_PORT, pgPort: STORY_PG_PORT });
  push = await startPushEndpoint();
});

test.afterAll(async () => {
  await push?.close();
  await story?.stop();
});

/** A browser context on the story's server, its clock moved with the server's before any page loads. */
async function storyContext(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ baseURL: story.baseUrl, viewport, locale: "ko-KR", timezoneId: "Asia/Seoul" });
  // A stuck click fails the step that made it rather than the whole 5-minute test.
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  // Installed, the fake clock starts here and then runs at the real pace (no pauseAt).
  await context.clock.install({ time: Date.now() + story.offsetMs });
  return context;
}

const wonText = (won: number) => `${won.toLocaleString("ko-KR")}원`;

async function walletOf(email: string) {
  const [row] = await story.sql<{ balance: string }[]>`
    select a.balance::text as balance from accounts a join users u on u.id = a.user_id
    where u.email = ${email} and a.kind = 'employee_wallet'`;
  return Number(row?.balance ?? 0);
}

test("the lunch rush: HR, the phone and the counter are one product", async ({ browser }) => {
  test.setTimeout(300_000);
  const month = story.day.slice(0, 7);

  const hr = await storyContext(browser, devices.desktop);
  const phone = await storyContext(browser, devices.phone);
  const barista = await storyContext(browser, devices.kiosk);
  const manager = await storyContext(browser, devices.desktop);
  const contexts: BrowserContext[] = [hr, phone, barista, manager];

  try {
    await signInAs(hr, accounts.hr_admin);
    await signInAs(phone, EMPLOYEE);
    await signInAs(barista, accounts.barista);
    await signInAs(manager, accounts.store_manager);

    // The browsers' "now" is the server's: the story's day at about noon in Seoul.
    const admin = await hr.newPage();
    const browserNow = await admin.evaluate(() => Date.now());
    expect(Math.abs(browserNow - (Date.now() + story.offsetMs))).toBeLessThan(5_000);
    expect(new Date(browserNow + 9 * 3_600_000).toISOString().slice(0, 10)).toBe(story.day);

    // ── 1. HR: 30 new hires from Excel, a lunch policy, this month's vouchers ──────────────
    await test.step("HR imports 30 employees, sets lunch and allocates the month", async () => {
      await admin.goto("/admin/employees");
      await expect(admin.getByTestId("employees-table")).toBeVisible();
      await admin.getByTestId("open-import").click();
      const dialog = admin.getByTestId("import-dialog");
      const sheet = await asXlsx(generatedEmployees(30, "L"));
      await dialog.getByTestId("import-file").setInputFiles({
        name: "new-hires.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: Buffer.from(sheet),
      });
      await expect(dialog.getByTestId("import-summary")).toHaveText("30행: 새 직원 30, 변경 0, 변경 없음 0, 오류 0");
      await shot(admin, "1-import-preview");
      await dialog.getByTestId("import-confirm").click();
      await expect(dialog.getByTestId("import-result")).toHaveText("반영했습니다: 새 직원 30, 변경 0, 변경 없음 0, 건너뜀 0.");
      const [imported] = await story.sql<{ n: number }[]>`select count(*)::int as n from users where email like 'l%@bench.canteen.dev'`;
      expect(imported?.n).toBe(30);

      await admin.goto("/admin/vouchers/new");
      await admin.locator('input[name="name"]').fill("점심");
      await admin.locator('input[name="amount"]').fill("9000");
      await admin.locator('input[name="windowStart"]').fill("11:00");
      await admin.locator('input[name="windowEnd"]').fill("14:00");
      await admin.getByRole("button", { name: "정책 만들기" }).click();
      await expect(admin).toHaveURL(/\/admin\/vouchers$/);
      const policy = admin.getByTestId("policies-table").getByRole("row", { name: /점심/ });
      await expect(policy).toContainText("9,000원");
      await expect(policy).toContainText("11:00–14:00");
      await expect(policy).toContainText("월 화 수 목 금");

      await admin.getByRole("link", { name: "식권 지급" }).click();
      await admin.locator('input[name="month"]').fill(month);
      await admin.getByRole("button", { name: "미리 보기" }).click();
      const preview = admin.getByTestId("allocation-preview");
      await expect(preview).toBeVisible();
      const total = (await admin.getByTestId("preview-total").textContent())?.trim() ?? "";
      const grants = (await admin.getByTestId("preview-grants").textContent())?.trim() ?? "";
      expect(total).toMatch(/^[\d,]+원$/);
      expect(Number(grants.replace(/,/g, ""))).toBeGreaterThan(0);
      await shot(admin, "1-allocation-preview", true);
      await preview.getByRole("button", { name: /지급/ }).click();
      const run = admin.getByTestId("runs-table").getByRole("row").nth(1);
      await expect(run).toContainText(total);
      await expect(run).toContainText(grants);
      await shot(admin, "1-allocation-run", true);

      // What the preview said it would cost is what was granted, to the won: the grants made
      // (up to tomorrow) and the days planned after them.
      const [granted] = await story.sql<{ grants: number; amount: string; imported: number }[]>`
        with given as (
          select g.employee_id, g.amount from voucher_grants g
          union all
          select p.employee_id, d.amount from voucher_grant_plans p cross join lateral unnest(p.days, p.amounts) as d(day, amount)
          where p.next_day is not null and d.day >= p.next_day
        )
        select count(*)::int as grants, coalesce(sum(g.amount), 0)::text as amount,
               count(*) filter (where u.email like 'l%@bench.canteen.dev')::int as imported
        from given g join users u on u.id = g.employee_id`;
      expect(wonText(Number(granted?.amount))).toBe(total);
      expect(String(granted?.grants)).toBe(grants.replace(/,/g, ""));
      // The new hires got lunch too.
      expect(granted?.imported).toBeGreaterThan(0);
    });

    // The store manager: one stamp per drink. The program's tender rule counts the meal
    // voucher too (earningTenders voucher+wallet+card+cash): the default (wallet, card, cash)
    // would earn floor(1 × 500 / 9,500) = 0 on a lunch paid mostly by voucher. The sandwich
    // is out of scope, so it earns nothing and its refund takes nothing back.
    await test.step("the store manager sets up a stamp program on the americano", async () => {
      const page = await manager.newPage();
      await page.goto("/admin/loyalty");
      const programs = page.getByTestId("stamp-programs");
      await programs.getByLabel("이름 (한국어)").fill("아메리카노 스탬프");
      await programs.getByLabel("이름 (영어)").fill("Americano stamps");
      await programs.getByTestId("scope-item-americano").check();
      await programs.getByRole("checkbox", { name: "식권", exact: true }).check();
      await programs.getByRole("button", { name: "만들기" }).click();
      await expect(programs.getByRole("row", { name: /아메리카노 스탬프/ })).toBeVisible();
      const tenders = await story.sql<{ kind: string }[]>`
        select t::text as kind from stamp_programs p, unnest(p.earning_tenders) t where p.name_ko = '아메리카노 스탬프' order by 1`;
      expect(tenders.map((row) => row.kind)).toEqual(["card", "cash", "voucher", "wallet"]);
      await shot(page, "1-stamp-program", true);
      await page.close();
    });

    // ── 2. The employee's phone: registered, topped up, lunch ready ─────────────────────────
    const app = await phone.newPage();
    let subscription: ReturnType<typeof browserSubscription> | undefined;
    await test.step("the employee registers the phone, tops up 20,000원 and sees lunch", async () => {
      await app.goto("/pay");
      await expect(app.getByTestId("pay-greeting")).toBeVisible();
      await expect(app.getByTestId("wallet-balance")).toHaveText("0원");

      await app.goto("/pay/top-up");
      // 20,000원 is not a preset (10,000 / 30,000 / …): typed, as an employee would.
      await app.getByTestId("top-up-custom").fill("20000");
      await app.getByTestId("top-up-submit").click();
      await expect(app).toHaveURL(/\/sandbox-pg\/checkout\?/);
      await expect(app.getByTestId("sandbox-amount")).toHaveText("20,000원");
      await app.getByLabel("카드 번호").fill("4242 4242 4242 4242");
      await app.getByLabel("유효기간 (MM/YY)").fill("12/39");
      await app.getByRole("button", { name: "승인", exact: true }).click();
      await expect(app).toHaveURL(/\/pay\/top-up\/success\?paymentKey=/);
      await expect(app.getByTestId("top-up-new-balance")).toHaveText("20,000원");
      expect(await walletOf(EMPLOYEE)).toBe(20_000);

      await app.goto("/pay");
      await expect(app.getByTestId("wallet-balance")).toHaveText("20,000원");
      const lunch = app.getByTestId("voucher").filter({ hasText: "중식" });
      await expect(lunch.getByTestId("voucher-left")).toHaveText("9,000원");
      await expect(lunch.getByTestId("voucher-status")).toHaveText("지금 사용 가능");
      await shot(app, "2-phone-home");

      // The phone registers itself and shows its code.
      await app.getByTestId("show-pay-code").click();
      await expect(app).toHaveURL(/\/pay\/code$/);
      await expect(app.getByTestId("pay-code-digits")).toHaveText(/^\d{6} \d{6} \d{6}$/, { timeout: 15_000 });
      await shot(app, "2-phone-code");
      // One active device: the one on screen (its number leads the code); a registration
      // that leaving home early cut off is revoked by the phone itself.
      const onScreen = Number((await app.getByTestId("pay-code-digits").textContent())?.replace(/\s/g, "").slice(0, 9));
      await expect
        .poll(async () => {
          const rows = await story.sql<{ device_no: number }[]>`
            select d.device_no from pay_devices d join users u on u.id = d.user_id where u.email = ${EMPLOYEE} and d.status = 'active'`;
          return rows.map((row) => Number(row.device_no));
        })
        .toEqual([onScreen]);

      // "Ready" will come as a Web Push to this phone's push service (the story's own endpoint).
      subscription = browserSubscription(`${push.origin}/push/${crypto.randomUUID()}`);
      const subscribed = await phone.request.post("/api/trpc/push.subscribe", {
        data: JSON.stringify({ json: { endpoint: subscription.endpoint, keys: subscription.keys } }),
        headers: { "content-type": "application/json", origin: story.baseUrl },
      });
      expect(subscribed.status()).toBe(200);
    });

    // ── 3. The counter: a drink and a sandwich, paid with the phone's code ─────────────────
    const kiosk = await barista.newPage();
    const queue = await barista.newPage();
    const display = await barista.newPage();
    await display.setViewportSize({ width: 1920, height: 1080 });
    await queue.goto("/kiosk/queue");
    await expect(queue.getByTestId("queue-new")).toBeVisible();
    await display.goto("/display?store=hq-cafe");
    await expect(display.getByTestId("display-ready")).toBeVisible();

    // The phone waits on its purchase history, as the employee would at the counter.
    const history = await phone.newPage();
    await history.goto("/pay/history");
    await expect(history.getByTestId("history-empty")).toBeVisible();

    let code = "";
    let pickupNumber = "";
    let paidAt = 0;
    await test.step("the barista rings up an iced large americano with extra shots and a sandwich; the code pays", async () => {
      await kiosk.goto("/kiosk");
      await kiosk.getByTestId("menu-tile").filter({ hasText: "아메리카노" }).first().click();
      const sheet = kiosk.getByRole("dialog", { name: "아메리카노" });
      await sheet.getByRole("radio", { name: /차갑게/ }).click();
      await sheet.getByRole("radio", { name: /라지/ }).click();
      // Two extra shots: iced large americano 3,000원 + 1,000원 makes the order 9,500원, so the
      // 9,000원 voucher leaves 500원 for the wallet.
      await sheet.getByText("2샷 추가").click();
      await expect(sheet.getByTestId("sheet-price")).toHaveText("4,000원");
      await sheet.getByTestId("sheet-add").click();
      await kiosk.getByRole("tab", { name: "베이커리" }).click();
      await kiosk.getByTestId("menu-tile").filter({ hasText: "햄치즈 샌드위치" }).click();
      const lines = kiosk.getByTestId("cart").getByTestId("cart-line");
      await expect(lines).toHaveCount(2);
      await expect(lines.nth(0).getByTestId("cart-line-options")).toHaveText("차갑게 · 라지 · 2샷 추가");
      await expect(kiosk.getByTestId("cart-total")).toHaveText("9,500원");
      await kiosk.getByRole("button", { name: "결제하기" }).click();
      await expect(kiosk.getByTestId("payment-total")).toHaveText("9,500원");
      await shot(kiosk, "3-kiosk-payment");

      // The code as the phone shows it now; a keyboard-wedge scanner types it, then Enter.
      await app.bringToFront();
      code = (await app.getByTestId("pay-code-digits").textContent())?.replace(/\s/g, "") ?? "";
      expect(code).toMatch(/^\d{18}$/);
      await kiosk.bringToFront();
      await kiosk.getByText("결제할 금액").click();
      await kiosk.keyboard.type(code, { delay: 8 });
      await kiosk.keyboard.press("Enter");

      const result = kiosk.getByTestId("payment-result");
      await expect(result.getByTestId("pickup-number")).toHaveText(/^\d+$/, { timeout: 15_000 });
      paidAt = Date.now();
      pickupNumber = (await result.getByTestId("pickup-number").textContent()) ?? "";
      await expect(result.getByTestId("result-total")).toHaveText("9,500원");
      // Voucher first, the wallet for the rest.
      await expect(result.getByTestId("tender")).toHaveText([/식권\s*9,000원$/, /페이 잔액\s*500원$/]);
      await expect(result.getByText("남은 페이 잔액").locator("..")).toContainText("19,500원");
      await expect(result.getByTestId("stamps-earned")).toContainText("아메리카노 스탬프 +1");
      await shot(kiosk, "3-kiosk-paid");
    });

    // ── 4. The phone, live: receipt within a second ────────────────────────────────────────
    await test.step("the receipt is on the phone within a second", async () => {
      // 1 s as the issue asks; on a machine busier than its cores (parallel CI workers, other
      // builds) 1 s more, since then the browser itself renders late.
      const loaded = os.loadavg()[0] ?? 0;
      const budgetMs = loaded > os.cpus().length ? 2_000 : 1_000;
      const row = history.getByTestId("purchase-row");
      await expect(row).toHaveCount(1, { timeout: 10_000 });
      const arrivedMs = Date.now() - paidAt;
      test.info().annotations.push({ type: "receipt on the phone after", description: `${arrivedMs} ms (budget ${budgetMs} ms, load ${loaded.toFixed(1)})` });
      console.log(`story: receipt on the phone ${arrivedMs} ms after the kiosk's result (budget ${budgetMs} ms, load ${loaded.toFixed(1)})`);
      expect(arrivedMs).toBeLessThanOrEqual(budgetMs);
    });

    // ── 5. (right away, while the code is still inside its time window) reuse is refused ───
    await test.step("a second payment with the same code is refused as already used", async () => {
      await kiosk.getByTestId("new-order").click();
      await kiosk.getByRole("tab", { name: "베이커리" }).click();
      await kiosk.getByTestId("menu-tile").filter({ hasText: "초코칩 쿠키" }).click();
      await kiosk.getByRole("button", { name: "결제하기" }).click();
      await kiosk.getByText("결제할 금액").click();
      await kiosk.keyboard.type(code, { delay: 8 });
      await kiosk.keyboard.press("Enter");
      await expect(kiosk.getByTestId("payment-error")).toHaveText("이미 사용된 결제 코드입니다. 새 코드를 보여 주세요.");
      await expect(kiosk.getByTestId("payment-result")).toHaveCount(0);
      await shot(kiosk, "5-kiosk-code-reused");
      expect(await walletOf(EMPLOYEE)).toBe(19_500);
    });

    let orderId = "";
    await test.step("the receipt has both lines with options; home shows the wallet and a stamp", async () => {
      const row = history.getByTestId("purchase-row");
      await expect(row.getByTestId("purchase-items")).toHaveText("아메리카노 외 1개");
      await expect(row.getByTestId("purchase-pickup")).toHaveText(`${pickupNumber}번`);
      await expect(row.getByTestId("purchase-total")).toHaveText("9,500원");
      await shot(history, "4-phone-history");
      await row.click();
      const receipt = history.getByTestId("receipt");
      await expect(receipt).toBeVisible();
      orderId = (await receipt.getAttribute("data-order-id")) ?? "";
      const lines = receipt.getByTestId("receipt-line");
      await expect(lines).toHaveCount(2);
      await expect(lines.nth(0).getByTestId("receipt-line-name")).toHaveText("아메리카노");
      await expect(lines.nth(0).getByTestId("receipt-line-options")).toHaveText("차갑게 · 라지 · 2샷 추가");
      await expect(lines.nth(0)).toContainText("4,000원");
      await expect(lines.nth(1).getByTestId("receipt-line-name")).toHaveText("햄치즈 샌드위치");
      await expect(lines.nth(1)).toContainText("5,500원");
      await expect(receipt.getByTestId("receipt-total")).toHaveText("9,500원");
      await expect(receipt.getByTestId("receipt-tender")).toHaveText([/중식 식권\s*9,000원/, /Canteen 머니\s*500원/]);
      await expect(receipt.getByTestId("purchase-status")).toHaveText("결제 완료");
      await shot(history, "4-phone-receipt", true);

      await app.goto("/pay");
      await expect(app.getByTestId("wallet-balance")).toHaveText("19,500원");
      const stamps = app.getByTestId("stamp-card").filter({ hasText: "아메리카노 스탬프" });
      await expect(stamps).toHaveAttribute("data-balance", "1");
      await expect(app.getByTestId("voucher").filter({ hasText: "중식" }).getByTestId("voucher-left")).toHaveText("0원");
      await shot(app, "4-phone-home-after");
    });

    await test.step("the barista starts it and marks it ready: phone, push and pickup display follow", async () => {
      const card = (column: string) => queue.getByTestId(column).getByTestId("queue-order").filter({ has: queue.getByText(pickupNumber, { exact: true }) });
      await expect(card("queue-new")).toBeVisible();
      await expect(display.getByTestId("display-preparing").getByText(pickupNumber, { exact: true })).toBeVisible();

      await card("queue-new").click();
      await expect(card("queue-preparing")).toBeVisible();
      const status = history.getByTestId("receipt").getByTestId("purchase-status");
      await expect(status).toHaveText("준비 중");
      await shot(history, "4-phone-preparing");
      expect(push.received).toHaveLength(0);

      await card("queue-preparing").click();
      await expect(card("queue-ready")).toBeVisible();
      await shot(queue, "4-kiosk-queue-ready");
      await expect(status).toHaveText("픽업 대기");
      await shot(history, "4-phone-ready");
      await expect(display.getByTestId("display-ready").getByText(pickupNumber, { exact: true })).toBeVisible();
      await shot(display, "4-pickup-display");

      const [message] = await push.waitFor(1, 15_000);
      if (!message || !subscription) throw new Error("no push message");
      expect(message.path).toBe(new URL(subscription.endpoint).pathname);
      verifyVapid(message.headers, push.origin);
      const payload = JSON.parse(subscription.decrypt(message.body)) as { orderId: string; texts: { ko: { title: string } } };
      expect(payload.orderId).toBe(orderId);
      expect(payload.texts.ko.title).toContain(pickupNumber);
    });

    // ── 6. The manager refunds the sandwich at the counter ─────────────────────────────────
    await test.step("the sandwich is refunded with the manager's PIN: voucher its share, wallet the rest, the stamp stays", async () => {
      await kiosk.goto("/kiosk/refunds");
      const orderRow = kiosk.locator(`[data-testid="refund-order-row"][data-pickup-number="${pickupNumber}"]`);
      await orderRow.click();
      const detail = kiosk.getByTestId("refund-detail");
      await detail.getByRole("button", { name: "햄치즈 샌드위치 하나 더 환불" }).click();
      await detail.getByRole("button", { name: "주문 실수" }).click();
      await detail.getByTestId("refund-approve").click();
      const pin = kiosk.getByTestId("pin-keypad");
      for (const digit of "1234") await pin.getByRole("button", { name: digit, exact: true }).click();
      await kiosk.getByRole("dialog", { name: "매니저 승인" }).getByTestId("pin-confirm").click();
      await expect(kiosk.getByTestId("refund-done-title")).toHaveText("5,500원 환불했습니다");
      await shot(kiosk, "6-kiosk-refunded");

      // The open receipt shows it by itself: the last tender first, so the wallet gets its
      // 500원 back and the voucher the other 5,000원 (still inside the lunch window).
      const receipt = history.getByTestId("receipt");
      const refund = receipt.getByTestId("receipt-refund");
      await expect(refund).toHaveCount(1, { timeout: 5_000 });
      await expect(refund.getByTestId("receipt-refund-line")).toHaveText(["햄치즈 샌드위치 × 1"]);
      await expect(refund.getByTestId("receipt-refund-amount")).toHaveText("-5,500원");
      await expect(refund.getByTestId("receipt-refund-tender")).toHaveText([/Canteen 머니로 돌려받음\s*500원/, /식권으로 돌려받음\s*5,000원/]);
      await expect(receipt.getByTestId("purchase-status")).toHaveText("부분 환불");
      await shot(history, "6-phone-refund", true);

      expect(await walletOf(EMPLOYEE)).toBe(20_000);
      await app.goto("/pay");
      await expect(app.getByTestId("wallet-balance")).toHaveText("20,000원");
      await expect(app.getByTestId("voucher").filter({ hasText: "중식" }).getByTestId("voucher-left")).toHaveText("5,000원");
      // Earned by the drink, which was not refunded.
      await expect(app.getByTestId("stamp-card").filter({ hasText: "아메리카노 스탬프" })).toHaveAttribute("data-balance", "1");
      await shot(app, "6-phone-home-refunded");
    });

    // ── 7. HR's reports and the ledger ─────────────────────────────────────────────────────
    await test.step("HR's dashboard and the month's settlement show the voucher spend; the ledger is clean", async () => {
      // 9,000원 spent from the voucher, 5,000원 of it given back: 4,000원 net.
      await admin.goto(`/admin/reports?from=${story.day}&to=${story.day}`);
      await expect(admin.getByRole("heading", { name: "식권 리포트" })).toBeVisible();
      await expect(admin.getByTestId("stat-spend")).toHaveText("4,000원");
      await expect(admin.getByTestId("stat-uses")).toHaveText("1건");
      await expect(admin.getByTestId("meal-lunch")).toContainText("4,000원");
      // The sandwich went back, so the drink is the day's top voucher item.
      await expect(admin.getByTestId("top-items").getByRole("row").nth(1)).toContainText("아메리카노");
      await shot(admin, "7-reports", true);

      await admin.goto(`/admin/reports/settlement?month=${month}`);
      await expect(admin.getByTestId("settlement-total")).toContainText("4,000원");
      await expect(admin.getByTestId("settlement-total").locator("..")).toContainText(/결제액 9,000원\s*·\s*환불액 5,000원/);
      await expect(admin.getByTestId("settlement-store-hq-cafe")).toContainText("4,000원");
      await shot(admin, "7-settlement", true);

      const database = connect(story.databaseUrl, { max: 2 });
      try {
        const report = await verifyLedger(database.db);
        expect(report.checks.filter((check) => check.breaches > 0)).toEqual([]);
        expect(report.ok).toBe(true);
        expect(report.paidOrders).toBeGreaterThan(0);
      } finally {
        await database.close();
      }
    });
  } finally {
    for (const context of contexts) await context.close();
  }
});
