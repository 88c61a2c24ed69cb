import { devices, e2eDatabase, expect, signInAs, test } from "../fixtures";

test("the day opens with a float and closes once, with figures that equal the day's payments", async ({ page, context, baseURL }) => {
  await page.setViewportSize(devices.kiosk);
  // The cafeteria's kiosk: no other spec opens or closes its day.
  await signInAs(context, "kiosk.cafeteria@canteen.dev");
  await page.goto("/kiosk/day");
  await expect(page.getByTestId("day-state")).toHaveText("영업 전");

  await page.getByTestId("day-open").getByRole("textbox").fill("12a");
  await page.getByRole("button", { name: "영업 시작" }).click();
  await expect(page.getByTestId("day-open").getByRole("alert")).toHaveText("금액을 원 단위 숫자로 입력하세요.");
  await page.getByTestId("day-open").getByRole("textbox").fill("50,000");
  await page.getByRole("button", { name: "영업 시작" }).click();
  await expect(page.getByTestId("day-state")).toHaveText("영업 중");

  const sql = e2eDatabase();
  const items = await sql`select i.id, i.code from menu_items i join stores s on s.id = i.store_id where s.code = 'cafeteria' and i.code in ('gimbap', 'soda')`;
  await sql.end();
  const itemId = (code: string) => items.find((item) => item.code === code)?.id;
  // As the payment screen does: cash through orders.checkout, card through the (sandbox) terminal.
  const sell = async (code: string, remainder: { method: "cash"; tendered: number } | { method: "card" }) => {
    const procedure = remainder.method === "card" ? "card.checkout" : "orders.checkout";
    const lines = [{ itemId: itemId(code), quantity: 1, optionIds: [] }];
    const json = { idempotencyKey: `day-${crypto.randomUUID()}`, lines, ...(remainder.method === "cash" ? { remainder } : {}) };
    const response = await context.request.post(`/api/trpc/${procedure}`, {
      data: JSON.stringify({ json }),
      headers: { "content-type": "application/json", origin: baseURL ?? "" },
    });
    expect(response.status()).toBe(200);
  };
  await sell("gimbap", { method: "cash", tendered: 5_000 });
  await sell("soda", { method: "card" });

  await page.reload();
  await expect(page.getByTestId("day-cash")).toContainText("3,500원");
  await expect(page.getByTestId("day-card")).toContainText("1,500원");
  await expect(page.getByTestId("day-sales-total")).toHaveText("5,000원");
  await expect(page.getByTestId("day-expected")).toHaveText("53,500원");
  await page.screenshot({ path: "test-results/screens/kiosk-day.png" });

  await page.getByTestId("day-close").getByRole("textbox").fill("53500");
  await page.getByRole("button", { name: "마감하기" }).click();
  await expect(page.getByTestId("day-state")).toHaveText("마감 완료");
  await expect(page.getByTestId("day-difference")).toHaveText("0원");
  await expect(page.getByTestId("day-close")).toHaveCount(0);
});
