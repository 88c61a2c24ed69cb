import { DEMO_MANAGER_PIN } from "../../db/seed-data";
import { devices, expect, signInAs, test } from "../fixtures";

test.use({ viewport: devices.kiosk });

test("a manager pairs a tablet with a code, the tablet locks with the manager PIN, and unpairing signs it out", async ({
  page,
  context,
  browser,
}) => {
  await signInAs(context, "manager@canteen.dev");
  await page.goto("/admin");
  await page.getByRole("link", { name: "기기 연결" }).click();
  await expect(page).toHaveURL(/\/admin\/devices$/);
  await page.getByRole("button", { name: "기기 연결" }).click();
  const code = (await page.getByTestId("pairing-code").textContent())?.trim() ?? "";
  expect(code).toMatch(/^[0-9]{6}$/);

  const tabletContext = await browser.newContext({ viewport: devices.kiosk, locale: "ko-KR" });
  const tablet = await tabletContext.newPage();
  try {
    await tablet.goto("/login");
    await tablet.getByRole("link", { name: "매장 기기 연결" }).click();
    await expect(tablet).toHaveURL(/\/kiosk\/pair$/);
    await tablet.getByLabel("연결 코드").fill(code);
    await tablet.getByRole("button", { name: "연결", exact: true }).click();
    await expect(tablet).toHaveURL(/\/kiosk$/);
    await expect(tablet.getByTestId("kiosk-store")).toHaveText("본사 카페");

    // The same code cannot pair a second tablet.
    const second = await browser.newContext({ viewport: devices.kiosk });
    const other = await second.newPage();
    await other.goto("/kiosk/pair");
    await other.getByLabel("연결 코드").fill(code);
    await other.getByRole("button", { name: "연결", exact: true }).click();
    await expect(other.getByText("코드가 맞지 않거나, 만료되었거나, 이미 사용되었습니다.")).toBeVisible();
    await second.close();

    // Locked stays locked across a reload; the manager's PIN lifts it.
    await tablet.getByRole("button", { name: "잠금", exact: true }).click();
    await expect(tablet.getByTestId("kiosk-lock")).toBeVisible();
    await tablet.reload();
    await expect(tablet.getByTestId("kiosk-lock")).toBeVisible();
    await tablet.getByLabel("관리자 PIN").fill("9999");
    await tablet.getByRole("button", { name: "잠금 해제" }).click();
    await expect(tablet.getByTestId("kiosk-lock").getByRole("alert")).toBeVisible();
    await tablet.getByLabel("관리자 PIN").fill(DEMO_MANAGER_PIN);
    await tablet.getByRole("button", { name: "잠금 해제" }).click();
    await expect(tablet.getByTestId("kiosk-lock")).toBeHidden();

    // The manager sees the tablet and unpairs it; its next navigation lands on sign-in.
    await page.reload();
    const row = page.getByTestId("devices-table").getByRole("row").filter({ hasText: "본사 카페 키오스크" }).first();
    const name = (await row.getByRole("cell").first().textContent())?.trim() ?? "";
    await row.getByRole("button", { name: "연결 해제" }).click();
    await expect(page.getByTestId("devices-table").getByRole("cell", { name, exact: true })).toHaveCount(0);
    await tablet.goto("/kiosk/queue");
    await expect(tablet).toHaveURL(/\/login/);
  } finally {
    await tabletContext.close();
  }
});
