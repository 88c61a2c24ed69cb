import { tmpdir } from "node:os";
import path from "node:path";
import type { LaunchOptions, Page, TestInfo } from "@playwright/test";
import config from "../../playwright.config";
import { devices, expect, signInAs, test } from "../fixtures";
import { giveVoucher, nameOf, newKioskAccount, ordersBy, registerPhone, tendersOf } from "./arrange";
import { fakeCameraArgs, writeCameraVideo } from "./camera-video";

/**
 * The camera scan button: an employee holds the phone's pay code QR up to the tablet. The
 * browser's camera is Chromium's fake device playing a video drawn from a real pay code
 * right before the camera opens (the code changes every 30 s). Debian's Chromium on Linux
 * has no native BarcodeDetector, so this runs the fallback decoder (ZXing as WebAssembly,
 * served from our own origin) end to end.
 */
const video = path.join(tmpdir(), `canteen-e2e-camera-${process.pid}.y4m`);
// The browser starts with this worker; the file must be there (grey, no code) before it does.
writeCameraVideo(video, null);

// Launch arguments belong to the browser, so this file gets a browser (and worker) of its own.
const existing: LaunchOptions = config.projects?.[0]?.use?.launchOptions ?? {};
test.use({
  viewport: devices.kiosk,
  permissions: ["camera"],
  launchOptions: { ...existing, args: [...(existing.args ?? []), ...fakeCameraArgs(video)] },
});

// Each test scans through a real camera pipeline and decoder, next to other specs on two cores.
test.describe.configure({ timeout: 60_000 });
// The first scan also loads the decoder and compiles its WebAssembly, on two shared cores.
const scanning = { timeout: 20_000 };

const tile = (page: Page, name: string) => page.getByTestId("menu-tile").filter({ hasText: name });

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await page.screenshot({ path: path.join("test-results", "screens", `camera-${name}.png`) });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

async function ringUpCroissant(page: Page) {
  await page.goto("/kiosk");
  await page.getByRole("tab", { name: "베이커리" }).click();
  await tile(page, "크루아상").click();
  await expect(page.getByTestId("cart-total")).toHaveText("3,200원");
  await page.getByRole("button", { name: "결제하기" }).click();
}

test("a pay code held up to the camera pays the order; a code that is not a pay code is named and scanning goes on", async ({
  context,
  page,
}, testInfo) => {
  const kiosk = await newKioskAccount("camera");
  const email = "employee35@canteen.dev";
  const phone = await registerPhone(email);
  await giveVoucher(email, 5_000n);
  const name = await nameOf(email);
  await signInAs(context, kiosk);
  await ringUpCroissant(page);

  await expect(page.getByTestId("camera-open")).toHaveText("카메라로 스캔");
  await shot(page, testInfo, "pay-code-tab");

  // Someone shows a web link's QR first: the view says so and keeps the camera on.
  writeCameraVideo(video, "https://canteen.dev/pay");
  await page.getByTestId("camera-open").click();
  const scanner = page.getByRole("dialog", { name: "카메라로 결제 코드 스캔" });
  await expect(scanner.getByTestId("camera-frame")).toBeVisible(scanning);
  await expect(scanner.getByTestId("camera-hint")).toHaveText("결제 코드가 아닙니다. 임직원 앱의 결제 코드를 비춰 주세요.", scanning);
  await expect(scanner).toHaveAttribute("data-phase", "scanning");
  await shot(page, testInfo, "not-a-pay-code");
  // Closing lets go of the camera: the stream it showed has no live track left.
  const stream = await scanner.locator("video").evaluateHandle((element) => (element as HTMLVideoElement).srcObject as MediaStream);
  expect(await stream.evaluate((media) => media.getTracks().map((track) => track.readyState))).toEqual(["live"]);
  await scanner.getByTestId("camera-close").click();
  await expect(scanner).toBeHidden();
  expect(await stream.evaluate((media) => media.getTracks().map((track) => track.readyState))).toEqual(["ended"]);
  await expect(page.getByTestId("pay-code-input")).toHaveValue("");

  const paid: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/trpc/orders.checkout")) paid.push(request.url());
  });
  writeCameraVideo(video, await phone.code());
  await page.getByTestId("camera-open").click();

  const result = page.getByTestId("payment-result");
  await expect(result.getByTestId("tender")).toHaveText([/중식 식권\s*3,200원/], scanning);
  await expect(scanner).toBeHidden();
  await shot(page, testInfo, "paid-by-camera");
  expect(paid).toHaveLength(1);

  const orders = await ordersBy(kiosk);
  expect(orders).toEqual([expect.objectContaining({ status: "paid", total: "3200" })]);
  const tenders = await tendersOf(orders[0]?.id ?? "");
  expect(tenders.map((tender) => [tender.kind, tender.amount, tender.payer])).toEqual([["voucher", "3200", name]]);
});

test("on the group tab each camera scan adds a person, and they pay together", async ({ context, page }, testInfo) => {
  const kiosk = await newKioskAccount("camera-group");
  const emails = ["employee33@canteen.dev", "employee34@canteen.dev"] as const;
  const phones = await Promise.all(emails.map((email) => registerPhone(email)));
  await Promise.all(emails.map((email) => giveVoucher(email, 2_000n)));
  const names = await Promise.all(emails.map((email) => nameOf(email)));
  await signInAs(context, kiosk);
  await ringUpCroissant(page);
  await page.getByRole("tab", { name: "함께결제" }).click();

  const chips = page.getByTestId("group-chip");
  for (const [index, phone] of phones.entries()) {
    const code = await phone.code();
    writeCameraVideo(video, code);
    await page.getByRole("button", { name: "카메라로 결제 코드 스캔해 추가" }).click();
    const scanner = page.getByRole("dialog", { name: "함께 결제할 사람의 결제 코드 스캔" });
    // The read is quick: the view may already be gone by the time it could be looked at.
    await expect(chips).toHaveCount(index + 1, scanning);
    await expect(scanner).toBeHidden();
    await expect(chips.nth(index)).toContainText(code.slice(-4));
  }
  await expect(page.getByTestId("group-problem")).toBeHidden();
  await shot(page, testInfo, "group-after-camera");

  await page.getByTestId("group-pay").click();
  const result = page.getByTestId("payment-result");
  await expect(result.getByTestId("payer-share").getByTestId("payer-name")).toHaveText(names);
  const orders = await ordersBy(kiosk);
  const tenders = await tendersOf(orders[0]?.id ?? "");
  expect(tenders.map((tender) => [tender.kind, tender.amount, tender.payer])).toEqual([
    ["voucher", "2000", names[0]],
    ["voucher", "1200", names[1]],
  ]);
});

test("with camera access blocked, the view says how to allow it and lets the barista go back", async ({ browser, context, page }, testInfo) => {
  const kiosk = await newKioskAccount("camera-denied");
  await signInAs(context, kiosk);
  await ringUpCroissant(page);
  // The site's camera setting switched to Block, as a person would in the browser's site settings.
  const pageSession = await context.newCDPSession(page);
  const { targetInfo } = await pageSession.send("Target.getTargetInfo");
  const browserSession = await browser.newBrowserCDPSession();
  await browserSession.send("Browser.setPermission", {
    permission: { name: "camera" },
    setting: "denied",
    origin: new URL(page.url()).origin,
    browserContextId: targetInfo.browserContextId,
  });

  await page.getByTestId("camera-open").click();
  const scanner = page.getByRole("dialog", { name: "카메라로 결제 코드 스캔" });
  const problem = scanner.getByTestId("camera-problem");
  await expect(problem).toContainText("카메라 권한이 꺼져 있습니다", scanning);
  await expect(problem).toContainText("카메라를 '허용'으로 바꾼 뒤");
  await expect(scanner).toHaveAttribute("data-phase", "denied");
  await shot(page, testInfo, "camera-denied");

  const close = scanner.getByTestId("camera-close");
  const box = await close.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
  await close.click();
  await expect(scanner).toBeHidden();
  await expect(page.getByTestId("pay-code-input")).toBeFocused();
});
