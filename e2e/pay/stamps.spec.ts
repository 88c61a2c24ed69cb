import { devices, expect, signInAs, test } from "../fixtures";
import { newKioskAccount } from "../kiosk/arrange";
import { couponsOf, fundWallet, phoneOf, stampProgramWith } from "../kiosk/loyalty-arrange";

const EMPLOYEE = "employee17@canteen.dev";

/**
 * The stamp book end to end: 9 stamps → the 10th at the kiosk issues a free-drink coupon →
 * the phone shows it → the next order at the kiosk offers it after the scan and it pays.
 */
test.setTimeout(60_000);

test("the 10th stamp at the kiosk gives a coupon the phone shows, redeemed on the next order", async ({ browser }) => {
  await stampProgramWith(EMPLOYEE, 9);
  await fundWallet(EMPLOYEE, 20_000n);
  const phone = await phoneOf(EMPLOYEE);
  const before = (await couponsOf(EMPLOYEE)).length;

  const kioskEmail = await newKioskAccount("stamps");
  const kiosk = await browser.newContext({ viewport: devices.kiosk });
  await signInAs(kiosk, kioskEmail);
  const page = await kiosk.newPage();
  const ringUpGrapefruit = async (stepsAhead: number) => {
    await page.getByRole("tab", { name: "에이드·스무디" }).click();
    await page.getByTestId("menu-tile").filter({ hasText: "자몽에이드" }).click();
    await page.getByRole("dialog", { name: "자몽에이드" }).getByTestId("sheet-add").click();
    await page.getByRole("button", { name: "결제하기" }).click();
    await page.getByTestId("pay-code-input").waitFor();
    await page.keyboard.type(await phone.code(stepsAhead), { delay: 5 });
    await page.keyboard.press("Enter");
  };

  await page.goto("/kiosk");
  await ringUpGrapefruit(0);
  const result = page.getByTestId("payment-result");
  await expect(result.getByTestId("result-total")).toHaveText("4,500원");
  await expect(result.getByTestId("stamps-earned")).toHaveText(/자몽 스탬프 \+1 \(0\/10\) · 쿠폰 1장 발급/);
  await page.screenshot({ path: "test-results/screens/loyalty-kiosk-tenth-stamp.png" });
  const issued = await couponsOf(EMPLOYEE);
  expect(issued).toHaveLength(before + 1);
  expect(issued.at(-1)).toMatchObject({ status: "active", source: "reward" });

  // The phone: the coupon on home and in the coupons list, with its expiry.
  const mobile = await browser.newContext({ viewport: devices.phone });
  await signInAs(mobile, EMPLOYEE);
  const app = await mobile.newPage();
  await app.goto("/pay");
  await expect(app.getByTestId("home-coupon-count")).toHaveText(`${before + 1}장`);
  await app.screenshot({ path: "test-results/screens/loyalty-pay-home.png" });
  await app.getByTestId("home-loyalty").click();
  await expect(app).toHaveURL(/\/pay\/coupons$/);
  await expect(app.getByTestId("coupon").filter({ hasText: "자몽 스탬프" }).first()).toContainText("최대 4,500원");
  await expect(app.getByTestId("coupon-expiry").first()).toContainText("까지");
  await expect(app.getByTestId("stamp-event").first()).toBeVisible();
  await app.screenshot({ path: "test-results/screens/loyalty-pay-coupons.png", fullPage: true });

  // Next order: after the scan the kiosk offers the coupon; one tap pays the drink with it.
  await page.getByTestId("new-order").click();
  await ringUpGrapefruit(1);
  const offer = page.getByTestId("coupon-offer");
  await expect(offer).toBeVisible();
  await page.screenshot({ path: "test-results/screens/loyalty-kiosk-coupon-offer.png" });
  await offer.getByTestId("coupon-option").filter({ hasText: "자몽 스탬프" }).first().click();
  await expect(result.getByTestId("result-total")).toHaveText("0원");
  await expect(result.getByTestId("line-discount")).toHaveText(/쿠폰 · 자몽 스탬프.*−4,500원/);
  await page.screenshot({ path: "test-results/screens/loyalty-kiosk-coupon-redeemed.png" });
  const after = await couponsOf(EMPLOYEE);
  expect(after.filter((coupon) => coupon.status === "used")).toHaveLength(1);

  await app.goto("/pay/coupons");
  await expect(app.getByTestId("coupon-past").first()).toContainText("사용함");
  await kiosk.close();
  await mobile.close();
});
