import { accounts, devices, e2eDatabase, expect, signInAs, test } from "../fixtures";

/** Rings up a cash sale through the kiosk's own API, as the payment screen does. */
async function cashSale(request: import("@playwright/test").APIRequestContext, baseURL: string) {
  const sql = e2eDatabase();
  const [item] = await sql`select i.id from menu_items i join stores s on s.id = i.store_id where s.code = 'hq-cafe' and i.code = 'cookie'`;
  await sql.end();
  const response = await request.post("/api/trpc/orders.checkout", {
    data: JSON.stringify({
      json: { idempotencyKey: `e2e-${crypto.randomUUID()}`, lines: [{ itemId: item?.id, quantity: 1, optionIds: [] }], remainder: { method: "cash", tendered: 5_000 } },
    }),
    headers: { "content-type": "application/json", origin: baseURL },
  });
  expect(response.status()).toBe(200);
  return (await response.json()).result.data.json as { orderId: string; pickupNumber: number };
}

test("a paid order moves through the queue and the pickup display follows live", async ({ page, context, browser, baseURL }) => {
  await page.setViewportSize(devices.kiosk);
  await signInAs(context, accounts.barista);
  await page.goto("/kiosk/queue");
  await expect(page.getByTestId("queue-new")).toBeVisible();

  const display = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await display.goto("/display?store=hq-cafe");
  await expect(display.getByTestId("display-ready")).toBeVisible();

  const sale = await cashSale(context.request, baseURL ?? "");
  const number = String(sale.pickupNumber);
  const card = (column: string) =>
    page.getByTestId(column).getByTestId("queue-order").filter({ has: page.getByText(number, { exact: true }) });

  // No reload: the paid order arrives over the event stream.
  await expect(card("queue-new")).toBeVisible();
  await expect(display.getByTestId("display-preparing").getByText(number, { exact: true })).toBeVisible();

  await card("queue-new").click();
  await expect(card("queue-preparing")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/kiosk-queue.png" });
  await card("queue-preparing").click();
  await expect(card("queue-ready")).toBeVisible();
  await expect(display.getByTestId("display-ready").getByText(number, { exact: true })).toBeVisible();
  await display.screenshot({ path: "test-results/screens/pickup-display.png" });

  await card("queue-ready").click();
  await expect(card("queue-ready")).toHaveCount(0);
  await expect(display.getByTestId("display-ready").getByText(number, { exact: true })).toHaveCount(0);
  await display.close();
});

test("the event stream refuses anyone who is not a kiosk", async ({ request }) => {
  expect((await request.get("/api/events/orders")).status()).toBe(401);
  expect((await request.get("/api/events/orders?store=nowhere")).status()).toBe(404);
});
