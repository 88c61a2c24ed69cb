import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { devices, e2eDatabase, expect, signInAs, test } from "../fixtures";

/**
 * Card top-up through the sandbox PG on the phone: Canteen's top-up screen → the PG's own
 * checkout page (the only place a card number is typed) → back to Canteen, which confirms on
 * the server. Approve adds exactly the amount; decline says so and changes nothing.
 * Each test is an employee no other spec pays with, so balances are this spec's own.
 */
test.use({ viewport: devices.phone });

const SCREENS = "test-results/screens";
mkdirSync(SCREENS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });

const wonText = (won: number) => `${won.toLocaleString("ko-KR")}원`;

async function walletOf(email: string) {
  const sql = e2eDatabase();
  try {
    const rows = await sql<{ balance: string }[]>`
      select a.balance::text as balance from accounts a join users u on u.id = a.user_id
      where u.email = ${email} and a.kind = 'employee_wallet'`;
    return Number(rows[0]?.balance ?? 0);
  } finally {
    await sql.end();
  }
}

async function topUpsOf(email: string) {
  const sql = e2eDatabase();
  try {
    return await sql<{ status: string; amount: string; card_label: string | null }[]>`
      select p.status, p.amount::text as amount, p.card_label from pg_payments p join users u on u.id = p.user_id
      where u.email = ${email} order by p.created_at`;
  } finally {
    await sql.end();
  }
}

/** On the PG's page: type a card and press one of its buttons. */
async function payOnSandbox(page: Page, action: "승인" | "거절" | "시간 초과", card = "4242 4242 4242 4242") {
  await expect(page).toHaveURL(/\/sandbox-pg\/checkout\?/);
  await page.getByLabel("카드 번호").fill(card);
  await page.getByLabel("유효기간 (MM/YY)").fill("12/39");
  await page.getByRole("button", { name: action, exact: true }).click();
}

test("approve: 30,000원 by card, confirmed on the server, the balance goes up by exactly that", async ({ page, context }) => {
  const email = "employee44@canteen.dev";
  await signInAs(context, email);
  const before = await walletOf(email);

  await page.goto("/pay/top-up");
  await expect(page.getByTestId("top-up-balance")).toHaveText(wonText(before));
  await expect(page.getByTestId("top-up-limits")).toContainText("1회 10,000원~500,000원");
  await page.getByRole("radio", { name: "30,000원" }).click();
  await expect(page.getByRole("radio", { name: "30,000원" })).toHaveAttribute("aria-checked", "true");
  // Canteen's screen has no card field at all.
  await expect(page.getByLabel("카드 번호")).toHaveCount(0);
  await shot(page, "top-up");

  await page.getByTestId("top-up-submit").click();
  await expect(page.getByTestId("sandbox-amount")).toHaveText("30,000원");
  await page.getByLabel("카드 번호").fill("4242 4242 4242 4242");
  await page.getByLabel("유효기간 (MM/YY)").fill("12/39");
  await shot(page, "top-up-sandbox-checkout");
  await page.getByRole("button", { name: "승인", exact: true }).click();

  await expect(page).toHaveURL(/\/pay\/top-up\/success\?paymentKey=/);
  await expect(page.getByTestId("top-up-success")).toContainText("30,000원 충전했어요");
  await expect(page.getByTestId("top-up-new-balance")).toHaveText(wonText(before + 30_000));
  await shot(page, "top-up-success");
  expect(await walletOf(email)).toBe(before + 30_000);

  // Reloading the success page confirms again without adding again.
  await page.reload();
  await expect(page.getByTestId("top-up-new-balance")).toHaveText(wonText(before + 30_000));
  expect(await walletOf(email)).toBe(before + 30_000);
  expect(await topUpsOf(email)).toEqual([{ status: "done", amount: "30000", card_label: "****-****-****-4242" }]);

  await page.getByRole("link", { name: "더 충전하기" }).click();
  const row = page.getByTestId("top-up-row").first();
  await expect(row).toContainText("충전 완료");
  await expect(page.getByTestId("top-up-balance")).toHaveText(wonText(before + 30_000));

  // Give back 10,000원 of it: the card is refunded that much and the wallet gives it back.
  await row.getByRole("button", { name: "취소" }).click();
  const panel = page.getByTestId("top-up-cancel-panel");
  await panel.getByRole("button", { name: "일부만 취소" }).click();
  await panel.getByLabel("취소할 금액").fill("10000");
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/top-up-cancel.png` });
  await page.getByTestId("top-up-cancel-confirm").click();
  await expect(page.getByTestId("top-up-cancel-done")).toContainText("10,000원 취소했어요");
  await expect(row).toContainText("부분 취소");
  await expect(page.getByTestId("top-up-balance")).toHaveText(wonText(before + 20_000));
  expect(await walletOf(email)).toBe(before + 20_000);
});

test("decline: the card company refuses, the app says so clearly and nothing changes", async ({ page, context }) => {
  const email = "employee45@canteen.dev";
  await signInAs(context, email);
  const before = await walletOf(email);

  await page.goto("/pay/top-up");
  await page.getByTestId("top-up-custom").fill("25000");
  await expect(page.getByTestId("top-up-submit")).toHaveText("25,000원 카드로 충전하기");
  await page.getByTestId("top-up-submit").click();
  await payOnSandbox(page, "거절");

  await expect(page).toHaveURL(/\/pay\/top-up\/fail\?/);
  const failed = page.getByTestId("top-up-failed");
  await expect(failed).toContainText("카드사에서 결제를 거절했어요");
  await expect(page.getByTestId("top-up-nothing-charged")).toHaveText("결제된 금액은 없어요. 잔액도 그대로예요.");
  await expect(page.getByTestId("top-up-balance")).toHaveText(wonText(before));
  await shot(page, "top-up-declined");
  expect(await walletOf(email)).toBe(before);
  await expect.poll(async () => (await topUpsOf(email)).map((row) => row.status)).toEqual(["aborted"]);
});

test("the limits are explained before anything is sent, and a wrong card number stays on the PG's page", async ({ page, context }) => {
  const email = "employee46@canteen.dev";
  await signInAs(context, email);
  await page.goto("/pay/top-up");
  await page.getByTestId("top-up-custom").fill("5000");
  await expect(page.getByTestId("top-up-problem")).toHaveText("10,000원부터 충전할 수 있어요");
  await expect(page.getByTestId("top-up-submit")).toBeDisabled();
  await page.getByTestId("top-up-custom").fill("600000");
  await expect(page.getByTestId("top-up-problem")).toHaveText("한 번에 500,000원까지 충전할 수 있어요");

  await page.getByRole("radio", { name: "10,000원" }).click();
  await page.getByTestId("top-up-submit").click();
  await payOnSandbox(page, "승인", "4242 4242 4242 4241");
  await expect(page.getByTestId("sandbox-error")).toBeVisible();
  await expect(page).toHaveURL(/\/sandbox-pg\/checkout\?/);
  expect(page.url()).not.toContain("4241");
});
