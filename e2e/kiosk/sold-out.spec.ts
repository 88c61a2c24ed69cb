import type { Page } from "@playwright/test";
import { accounts, devices, e2eDatabase, expect, signInAs, test } from "../fixtures";

/**
 * The barista runs out of chamomile: one tap on the sold-out screen greys it out on the
 * order screen, another tap puts it back. No other spec touches this item.
 */
test.use({ viewport: devices.kiosk });

async function isSoldOut(code: string) {
  const sql = e2eDatabase();
  try {
    const [row] = await sql<{ is_sold_out: boolean }[]>`
      select is_sold_out from menu_items where code = ${code} and store_id = (select id from stores where code = 'hq-cafe')`;
    return row?.is_sold_out;
  } finally {
    await sql.end();
  }
}

/** Over to the order screen by its tab; both screens have category tabs, so wait for the register's. */
async function openRegisterTab(page: Page, category: string) {
  await page.getByRole("link", { name: "주문", exact: true }).click();
  await expect(page).toHaveURL(/\/kiosk$/);
  await page.getByRole("tablist", { name: "메뉴 분류" }).getByRole("tab", { name: category }).click();
}

async function resetSoldOut(code: string) {
  const sql = e2eDatabase();
  try {
    await sql`update menu_items set is_sold_out = false where code = ${code} and store_id = (select id from stores where code = 'hq-cafe')`;
  } finally {
    await sql.end();
  }
}

test("a tap marks an item sold out on every screen, and another tap puts it back on sale", async ({ page, context }, testInfo) => {
  await signInAs(context, accounts.barista);
  try {
    await page.goto("/kiosk");
    await page.getByRole("link", { name: "품절 관리" }).click();
    await expect(page).toHaveURL(/\/kiosk\/sold-out$/);
    await expect(page.getByRole("heading", { name: "품절 관리" })).toBeVisible();
    await page.getByRole("tab", { name: /논커피/ }).click();

    const chamomile = page.getByTestId("sold-out-tile").filter({ hasText: "캐모마일 티" });
    await expect(chamomile).toHaveAttribute("data-state", "available");
    await expect(chamomile).toHaveAttribute("aria-pressed", "false");
    await expect(chamomile).toContainText("판매 중");
    await chamomile.click();
    await expect(chamomile).toHaveAttribute("data-state", "sold-out");
    await expect(chamomile).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("sold-out-notice")).toHaveText("캐모마일 티을(를) 품절로 바꿨습니다.");
    await expect(page.getByRole("tab", { name: /논커피/ })).toContainText("1");
    await expect.poll(() => isSoldOut("chamomile")).toBe(true);
    const path = testInfo.outputPath("sold-out.png");
    await page.screenshot({ path });
    await page.screenshot({ path: "test-results/screens/kiosk-sold-out.png" });
    await testInfo.attach("sold-out", { path, contentType: "image/png" });

    // The order screen greys it out at once, without a reload.
    await openRegisterTab(page, "논커피");
    const tile = page.getByTestId("menu-tile").filter({ hasText: "캐모마일 티" });
    await expect(tile).toBeDisabled();
    await expect(tile).toContainText("품절");

    // And after a reload the sold-out screen still says so.
    await page.goto("/kiosk/sold-out");
    await page.getByRole("tab", { name: /논커피/ }).click();
    await expect(chamomile).toHaveAttribute("data-state", "sold-out");
    await chamomile.click();
    await expect(chamomile).toHaveAttribute("data-state", "available");
    await expect(page.getByTestId("sold-out-notice")).toHaveText("캐모마일 티을(를) 다시 판매합니다.");
    await expect.poll(() => isSoldOut("chamomile")).toBe(false);

    await openRegisterTab(page, "논커피");
    await expect(tile).toBeEnabled();
    await tile.click();
    await expect(page.getByRole("dialog", { name: "캐모마일 티" })).toBeVisible();
  } finally {
    await resetSoldOut("chamomile");
  }
});
