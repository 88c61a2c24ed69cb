import { accounts, devices, expect, signInAs, test } from "../fixtures";

/** After payment the barista prints the receipt: only the 80 mm slip goes to the printer. */
test.use({ viewport: devices.kiosk });

test("the receipt prints alone, 80 mm wide, with lines, options, tenders, number, store and time", async ({ page, context }, testInfo) => {
  await signInAs(context, accounts.barista);
  await page.goto("/kiosk");
  await page.getByTestId("menu-tile").filter({ hasText: "아메리카노" }).first().click();
  await page.getByRole("dialog", { name: "아메리카노" }).getByTestId("sheet-add").click();
  await page.getByRole("tab", { name: "베이커리" }).click();
  await page.getByTestId("menu-tile").filter({ hasText: "크림치즈 베이글" }).click();
  await page.getByRole("button", { name: "결제하기" }).click();
  await page.getByRole("tab", { name: "현금" }).click();
  await page.getByRole("button", { name: "10,000원" }).click();
  await page.getByTestId("cash-submit").click();

  const result = page.getByTestId("payment-result");
  await expect(result.getByTestId("pickup-number")).toHaveText(/^\d+$/);
  const number = (await result.getByTestId("pickup-number").textContent()) ?? "";
  await expect(result.getByRole("button", { name: "영수증 인쇄" })).toBeVisible();
  const screen = testInfo.outputPath("payment-result.png");
  await page.screenshot({ path: screen });
  await testInfo.attach("payment-result", { path: screen, contentType: "image/png" });

  // The button opens the browser's print dialog (stubbed here: headless Chromium has none).
  await page.evaluate(() => {
    const w = window as unknown as { printed: number };
    w.printed = 0;
    window.print = () => {
      w.printed++;
    };
  });
  await page.getByRole("button", { name: "영수증 인쇄" }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  const receipt = page.getByTestId("print-receipt");
  await expect(receipt.getByTestId("print-receipt-store")).toHaveText("본사 카페");
  await expect(receipt.getByTestId("print-receipt-number")).toHaveText(number);
  await expect(receipt.getByTestId("print-receipt-time")).toHaveText(/\d{4}\. \d{2}\. \d{2}\. \d{2}:\d{2}/);
  await expect(receipt.getByTestId("print-receipt-line")).toHaveText([/아메리카노 ×1\s*2,500원\s*따뜻하게 · 레귤러/, /크림치즈 베이글 ×1\s*3,800원/]);
  await expect(receipt.getByTestId("print-receipt-tender")).toHaveText([/현금\s*6,300원/]);
  await expect(receipt).toContainText("받은 현금10,000원");
  await expect(receipt).toContainText("거스름돈3,700원");

  // In print, the slip is all there is; on screen it is never seen.
  await expect(receipt).toBeHidden();
  await page.emulateMedia({ media: "print" });
  await expect(receipt).toBeVisible();
  await expect(result).toBeHidden();
  await expect(page.getByRole("banner")).toBeHidden();
  const box = await receipt.boundingBox();
  expect(Math.round(box?.width ?? 0)).toBe(302); // 80 mm at 96 dpi
  const path = testInfo.outputPath("receipt-print.png");
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach("receipt-print", { path, contentType: "image/png" });

  // The page the printer gets is 80 mm wide (226.77 pt) and as long as the slip.
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString("latin1");
  const mediaBox = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf);
  expect(Number(mediaBox?.[1])).toBeCloseTo(226.77, 0);
  expect(Number(mediaBox?.[2])).toBeGreaterThan(200);
  expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(1);
  await page.emulateMedia({ media: "screen" });
  await expect(result).toBeVisible();
});
