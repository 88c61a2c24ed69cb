import { deflateSync } from "node:zlib";
import type { Page, TestInfo } from "@playwright/test";
import { devices, e2eDatabase, expect, signInAs, test } from "../fixtures";
import { newKioskAccount } from "../kiosk/arrange";

/**
 * The store manager runs the menu from the console while a kiosk stays open: a new category
 * and item (with a picture and options) appear on the kiosk without a reload, sold out and
 * the order follow live, and hiding the category takes it off again. The manager is an
 * account of this spec's own (same store), so the demo manager's PIN never changes; the
 * category is hidden and the store settings are put back at the end, so other specs see
 * the menu and receipts they expect.
 */
test.describe.configure({ mode: "serial" });
test.use({ viewport: devices.desktop });

const tag = crypto.randomUUID().slice(0, 4);
const categoryKo = `E2E 시즌 ${tag}`;
const itemKo = `E2E 유자 스무디 ${tag}`;
const secondKo = `E2E 쿠키 ${tag}`;
const managerEmail = `manager.e2e-menu-${tag}@canteen.dev`;

/** A valid 48×48 PNG of one colour, built by hand so the spec needs no picture files. */
function solidPng(rgb: [number, number, number]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc(body));
    return Buffer.concat([head, body, tail]);
  };
  const size = 48;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", Buffer.alloc(0))]);
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await page.screenshot({ path: `test-results/screens/${name}.png` });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

test.beforeAll(async () => {
  const sql = e2eDatabase();
  try {
    // A second manager of the demo store, signing in with the demo password, with no PIN yet.
    const rows = await sql`
      insert into users (email, name, password_hash, role, store_id)
      select ${managerEmail}, ${`E2E 매니저 ${tag}`}, password_hash, role, store_id from users where email = 'manager@canteen.dev'
      returning id`;
    if (rows.length !== 1) throw new Error("no demo manager to copy");
  } finally {
    await sql.end();
  }
});

test("a manager's new item reaches an open kiosk without a reload, and so do sold out, order and hiding", async ({ browser, context, page }, testInfo) => {
  // A long story over two browsers; on a busy 2-core machine it needs more than the default 30 s.
  test.setTimeout(120_000);
  const kioskContext = await browser.newContext({ viewport: devices.kiosk, locale: "ko-KR", timezoneId: "Asia/Seoul" });
  try {
    await signInAs(kioskContext, await newKioskAccount("menu"));
    const kiosk = await kioskContext.newPage();
    await kiosk.goto("/kiosk");
    await expect(kiosk.getByTestId("menu-tile").first()).toBeVisible();
    // Any document load of the kiosk page from here on would be a reload: count them. (Not
    // "framenavigated": that also fires for the router's same-document history updates, which
    // a late hydration on a busy machine makes after this point.)
    let navigations = 0;
    kiosk.on("load", () => navigations++);
    const kioskTabs = kiosk.getByRole("tablist", { name: "메뉴 분류" });

    await signInAs(context, managerEmail);
    await page.goto("/admin/menu");
    await expect(page.getByRole("heading", { name: "본사 카페 메뉴 관리" })).toBeVisible();
    await expect(page.getByRole("link", { name: "매장 설정" })).toBeVisible();
    await expect(page.getByRole("link", { name: "감사 로그" })).toHaveCount(0);

    // A category.
    await page.getByRole("button", { name: "+ 분류 추가" }).click();
    const categoryForm = page.getByTestId("category-form");
    await categoryForm.getByLabel("이름 (한국어)").fill(categoryKo);
    await categoryForm.getByRole("button", { name: "저장" }).click();
    await expect(categoryForm.getByTestId("field-error-nameEn")).toHaveText("이름을 입력하세요.");
    await categoryForm.getByLabel("이름 (영어)").fill(`E2E Season ${tag}`);
    await categoryForm.getByRole("button", { name: "저장" }).click();
    await expect(categoryForm).toBeHidden();
    await page.getByTestId("category-row").filter({ hasText: categoryKo }).getByTestId("category-select").click();
    await expect(page.getByTestId("selected-category")).toHaveText(categoryKo);
    await expect(kioskTabs.getByRole("tab", { name: new RegExp(categoryKo) })).toBeVisible();

    // An item: a negative price is refused with a message at the field, a too-large picture before upload.
    await page.getByRole("button", { name: "+ 메뉴 추가" }).click();
    const itemForm = page.getByTestId("item-form");
    await itemForm.getByLabel("이름 (한국어)").fill(itemKo);
    await itemForm.getByLabel("이름 (영어)").fill(`E2E Yuja Smoothie ${tag}`);
    await itemForm.getByLabel("가격").fill("-500");
    await itemForm.getByRole("button", { name: "저장" }).click();
    await expect(itemForm.getByTestId("field-error-price")).toHaveText("가격은 0원 이상이어야 합니다.");
    await itemForm.getByTestId("item-image-input").setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: Buffer.alloc(2 * 1024 * 1024 + 10, 1) });
    await expect(itemForm.getByTestId("image-error")).toHaveText("사진이 너무 큽니다. 2MB 이하로 올려 주세요.");
    await itemForm.getByTestId("item-image-input").setInputFiles({ name: "notes.gif", mimeType: "image/gif", buffer: Buffer.from("GIF89a") });
    await expect(itemForm.getByTestId("image-error")).toHaveText("PNG, JPEG, WebP 사진만 올릴 수 있습니다.");
    await itemForm.getByTestId("item-image-input").setInputFiles({ name: "yuja.png", mimeType: "image/png", buffer: solidPng([250, 190, 40]) });
    await expect(itemForm.getByTestId("item-image-preview")).toHaveAttribute("src", /^\/api\/menu-images\/[0-9a-f-]{36}$/);
    await itemForm.getByLabel("가격").fill("4800");
    await itemForm.getByRole("checkbox", { name: /^사이즈/ }).check();
    await shot(page, testInfo, "admin-menu-item-dialog");
    await itemForm.getByRole("button", { name: "저장" }).click();
    await expect(itemForm).toBeHidden();
    const row = page.getByTestId("item-row").filter({ hasText: itemKo });
    await expect(row).toContainText("4,800원");
    await expect(row).toContainText("사이즈");

    // The kiosk, never reloaded, shows it with its picture and its options.
    await kioskTabs.getByRole("tab", { name: new RegExp(categoryKo) }).click();
    const tile = kiosk.getByTestId("menu-tile").filter({ hasText: itemKo });
    await expect(tile).toContainText("4,800원");
    const picture = tile.locator("img");
    await expect(picture).toHaveAttribute("src", /\/api\/menu-images\//);
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);
    const imageResponse = await kioskContext.request.get((await picture.getAttribute("src")) ?? "");
    expect(imageResponse.headers()["content-type"]).toBe("image/png");
    expect(imageResponse.headers()["cache-control"]).toContain("immutable");
    await tile.click();
    const sheet = kiosk.getByRole("dialog", { name: itemKo });
    await expect(sheet.getByRole("radio", { name: /라지/ })).toBeVisible();
    await expect(sheet.getByTestId("sheet-price")).toHaveText("4,800원");
    await sheet.getByRole("radio", { name: /라지/ }).click();
    await expect(sheet.getByTestId("sheet-price")).toHaveText("5,300원");
    await kiosk.keyboard.press("Escape");
    await expect(sheet).toBeHidden();

    // A second item, then the arrows put it first: the kiosk follows.
    await page.getByRole("button", { name: "+ 메뉴 추가" }).click();
    await itemForm.getByLabel("이름 (한국어)").fill(secondKo);
    await itemForm.getByLabel("이름 (영어)").fill(`E2E Cookie ${tag}`);
    await itemForm.getByLabel("가격").fill("2,000");
    await itemForm.getByRole("button", { name: "저장" }).click();
    await expect(itemForm).toBeHidden();
    await expect(kiosk.getByTestId("menu-tile")).toHaveCount(2);
    await expect(kiosk.getByTestId("menu-tile").first()).toContainText(itemKo);
    await page.getByRole("button", { name: `${secondKo} 위로 이동` }).click();
    await expect(page.getByTestId("item-row").first()).toContainText(secondKo);
    await expect(kiosk.getByTestId("menu-tile").first()).toContainText(secondKo);
    // And dragging the smoothie's row onto the cookie's puts it back on top.
    await page.getByTestId("item-row").filter({ hasText: itemKo }).dragTo(page.getByTestId("item-row").filter({ hasText: secondKo }));
    await expect(page.getByTestId("item-row").first()).toContainText(itemKo);
    await expect(kiosk.getByTestId("menu-tile").first()).toContainText(itemKo);

    // Sold out from the console greys it out on the kiosk.
    await row.getByRole("switch", { name: `${itemKo} 품절` }).click();
    await expect(row.getByRole("switch", { name: `${itemKo} 품절` })).toHaveAttribute("aria-checked", "true");
    await expect(tile).toBeDisabled();
    await expect(tile).toContainText("품절");
    await shot(page, testInfo, "admin-menu");
    await shot(kiosk, testInfo, "admin-menu-kiosk-live");

    // The option groups tab.
    await page.getByRole("tab", { name: "옵션 그룹" }).click();
    await expect(page.getByTestId("group-card").filter({ hasText: "사이즈" })).toContainText("1개 이상 1개 이하 선택");
    await page.getByRole("button", { name: "+ 옵션 그룹 추가" }).click();
    const groupForm = page.getByTestId("group-form");
    await groupForm.getByLabel("이름 (한국어)", { exact: true }).fill(`E2E 토핑 ${tag}`);
    await groupForm.getByLabel("이름 (영어)", { exact: true }).fill(`E2E Topping ${tag}`);
    await groupForm.getByLabel("최소 선택").fill("2");
    await groupForm.getByLabel("최대 선택").fill("1");
    await groupForm.getByLabel("이름 (한국어) 1").fill("펄");
    await groupForm.getByLabel("이름 (영어) 1").fill("Pearl");
    await groupForm.getByRole("button", { name: "저장" }).click();
    await expect(groupForm.getByTestId("field-error-minSelect")).toHaveText("최소 선택이 최대 선택보다 클 수 없습니다.");
    await shot(page, testInfo, "admin-menu-group-dialog");
    await groupForm.getByLabel("최소 선택").fill("0");
    await groupForm.getByRole("button", { name: "저장" }).click();
    await expect(groupForm).toBeHidden();
    await expect(page.getByTestId("group-card").filter({ hasText: `E2E 토핑 ${tag}` })).toContainText("0개 이상 1개 이하 선택");
    await shot(page, testInfo, "admin-menu-option-groups");

    // Deleting the topping group, after a confirm.
    await page.getByRole("button", { name: `E2E 토핑 ${tag} 삭제` }).click();
    const confirm = page.getByTestId("delete-confirm");
    await expect(confirm).toContainText(`‘E2E 토핑 ${tag}’을(를) 삭제할까요?`);
    await confirm.getByRole("button", { name: "삭제", exact: true }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByTestId("group-card").filter({ hasText: `E2E 토핑 ${tag}` })).toHaveCount(0);

    // Deleting an item: a cancel keeps it; confirmed, it vanishes from the open kiosk.
    await page.getByRole("tab", { name: "메뉴" }).click();
    await page.getByTestId("category-row").filter({ hasText: categoryKo }).getByTestId("category-select").click();
    const cookieTile = kiosk.getByTestId("menu-tile").filter({ hasText: secondKo });
    await expect(cookieTile).toBeVisible();
    await page.getByRole("button", { name: `${secondKo} 삭제` }).click();
    await expect(confirm).toContainText("지난 주문, 영수증, 환불, 보고서는 그대로 남습니다.");
    await confirm.getByRole("button", { name: "취소" }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByTestId("item-row").filter({ hasText: secondKo })).toHaveCount(1);
    await page.getByRole("button", { name: `${secondKo} 삭제` }).click();
    await shot(page, testInfo, "admin-menu-delete-confirm");
    await confirm.getByRole("button", { name: "삭제", exact: true }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByTestId("menu-notice")).toHaveText("삭제했습니다. 키오스크에서도 바로 사라집니다.");
    await expect(page.getByTestId("item-row").filter({ hasText: secondKo })).toHaveCount(0);
    await expect(cookieTile).toHaveCount(0);
    await expect(kiosk.getByTestId("menu-tile")).toHaveCount(1);

    // The category still holds the smoothie: deleting it is refused with what to do instead.
    await page.getByRole("button", { name: "분류 삭제" }).click();
    await confirm.getByRole("button", { name: "삭제", exact: true }).click();
    await expect(confirm.getByRole("alert")).toHaveText("이 분류에 메뉴가 1개 남아 있습니다. 메뉴를 다른 분류로 옮기거나 먼저 삭제하세요.");
    await shot(page, testInfo, "admin-menu-delete-refused");
    await confirm.getByRole("button", { name: "취소" }).click();
    await expect(page.getByTestId("category-row").filter({ hasText: categoryKo })).toHaveCount(1);
    await expect(kioskTabs.getByRole("tab", { name: new RegExp(categoryKo) })).toBeVisible();

    // Hiding the category takes it off the kiosk, and leaves the shared menu as other specs expect it.
    await page.getByRole("button", { name: "숨기기" }).click();
    await expect(page.getByTestId("category-row").filter({ hasText: categoryKo })).toContainText("숨김");
    await expect(kioskTabs.getByRole("tab", { name: new RegExp(categoryKo) })).toHaveCount(0);
    expect(navigations, "the kiosk page never reloaded").toBe(0);
  } finally {
    await kioskContext.close();
    const sql = e2eDatabase();
    try {
      await sql`update menu_categories set is_visible = false where name_ko = ${categoryKo}`;
    } finally {
      await sql.end();
    }
  }
});

test("the manager sets opening hours and the receipt header, and changes their own PIN", async ({ browser, context, page }, testInfo) => {
  const sql = e2eDatabase();
  // An open kiosk of the store: no hours saved, so its header says nothing about them yet.
  const kioskContext = await browser.newContext({ viewport: devices.kiosk, locale: "ko-KR", timezoneId: "Asia/Seoul" });
  await signInAs(kioskContext, await newKioskAccount("hours"));
  const kiosk = await kioskContext.newPage();
  await kiosk.goto("/kiosk");
  await expect(kiosk.getByTestId("menu-tile").first()).toBeVisible();
  await expect(kiosk.getByTestId("kiosk-hours")).toHaveCount(0);
  let kioskLoads = 0;
  kiosk.on("load", () => (kioskLoads += 1));
  const [before] = await sql<{ receipt_header: string; opening_hours: unknown }[]>`
    select receipt_header, opening_hours from stores where code = 'hq-cafe'`;
  try {
    await signInAs(context, managerEmail);
    await page.goto("/admin/settings");
    await expect(page.getByRole("heading", { name: "매장 설정" })).toBeVisible();
    const form = page.getByTestId("store-settings-form");
    await expect(form.getByLabel("시간대")).toHaveValue("Asia/Seoul");
    // No hours saved yet: the manager is told the app takes orders at any time until they are.
    await expect(form.getByTestId("hours-not-saved")).toBeVisible();
    // Saturday opens 10:00–15:00; a close before the open is refused first.
    const saturday = form.getByTestId("hours-6");
    await saturday.getByRole("checkbox").check();
    await saturday.getByLabel("토요일 여는 시간").fill("16:00");
    await saturday.getByLabel("토요일 마감 시간").fill("15:00");
    await form.getByLabel("영수증 머리말").fill(`(주)캔틴 본사 카페 ${tag}\n사업자 123-45-67890`);
    await form.getByRole("button", { name: "설정 저장" }).click();
    await expect(form.getByTestId("field-error-openingHours")).toHaveText("마감 시간이 여는 시간보다 늦어야 합니다.");
    await saturday.getByLabel("토요일 여는 시간").fill("10:00");
    await form.getByRole("button", { name: "설정 저장" }).click();
    await expect(form.getByTestId("settings-saved")).toHaveText("매장 설정을 저장했습니다.");
    await expect(form.getByTestId("hours-not-saved")).toHaveCount(0);
    // The open kiosk shows the new hours state at once, without a reload.
    await expect(kiosk.getByTestId("kiosk-hours")).toBeVisible();
    expect(await kiosk.getByTestId("kiosk-hours").getAttribute("data-state")).toMatch(/^(open|closed)$/);
    expect(kioskLoads, "the kiosk page never reloaded").toBe(0);
    await expect(form.getByTestId("receipt-preview")).toContainText(`(주)캔틴 본사 카페 ${tag}`);
    const [saved] = await sql<{ receipt_header: string; opening_hours: ({ open: string; close: string } | null)[] }[]>`
      select receipt_header, opening_hours from stores where code = 'hq-cafe'`;
    expect(saved?.receipt_header).toBe(`(주)캔틴 본사 카페 ${tag}\n사업자 123-45-67890`);
    expect(saved?.opening_hours[6]).toEqual({ open: "10:00", close: "15:00" });

    // This manager has no PIN yet: set one, then change it, the current one required.
    const pin = page.getByTestId("pin-form");
    await expect(pin).toContainText("아직 PIN이 없습니다");
    await pin.getByLabel("새 PIN", { exact: true }).fill("2468");
    await pin.getByLabel("새 PIN 확인").fill("2469");
    await pin.getByRole("button", { name: "PIN 변경" }).click();
    await expect(pin.getByTestId("field-error-confirmPin")).toHaveText("새 PIN이 서로 다릅니다.");
    await pin.getByLabel("새 PIN 확인").fill("2468");
    await pin.getByRole("button", { name: "PIN 변경" }).click();
    await expect(pin.getByTestId("pin-changed")).toBeVisible();
    await pin.getByLabel("현재 PIN").fill("1111");
    await pin.getByLabel("새 PIN", { exact: true }).fill("135790");
    await pin.getByLabel("새 PIN 확인").fill("135790");
    await pin.getByRole("button", { name: "PIN 변경" }).click();
    await expect(pin.getByTestId("field-error-currentPin")).toHaveText("현재 PIN이 맞지 않습니다.");
    await pin.getByLabel("현재 PIN").fill("2468");
    await pin.getByRole("button", { name: "PIN 변경" }).click();
    await expect(pin.getByTestId("pin-changed")).toHaveText("PIN을 바꿨습니다. 이전 PIN은 더 이상 쓸 수 없습니다.");
    const [hash] = await sql<{ pin_hash: string }[]>`select pin_hash from users where email = ${managerEmail}`;
    expect(hash?.pin_hash).toMatch(/^\$argon2id\$/);
    await shot(page, testInfo, "admin-store-settings");
  } finally {
    await sql`update stores set receipt_header = ${before?.receipt_header ?? ""}, opening_hours = ${before?.opening_hours ? sql.json(before.opening_hours as never) : null}
      where code = 'hq-cafe'`;
    // Out of the store's approvers again, so no other spec's PIN check meets it.
    await sql`update users set pin_hash = null where email = ${managerEmail}`;
    await sql.end();
    await kioskContext.close();
  }
});

test("HR reads the audit log and filters it by actor, action and date", async ({ context, page }, testInfo) => {
  await signInAs(context, "hr@canteen.dev");
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { name: "감사 로그" })).toBeVisible();
  await expect(page.getByTestId("audit-row").first()).toBeVisible();

  const filters = page.getByTestId("audit-filters");
  await filters.getByLabel("작업자").selectOption({ label: `E2E 매니저 ${tag} · ${managerEmail}` });
  await filters.getByLabel("작업", { exact: true }).selectOption({ label: "메뉴 추가" });
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul" }).format(new Date());
  await filters.getByLabel("시작일").fill(today);
  await filters.getByLabel("종료일").fill(today);
  await filters.getByRole("button", { name: "적용" }).click();
  await expect(page).toHaveURL(/action=menu\.item\.create/);
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId("audit-total")).toHaveText("총 2건");
  for (const action of await rows.evaluateAll((all) => all.map((row) => row.getAttribute("data-action")))) expect(action).toBe("menu.item.create");
  await expect(rows.getByTestId("audit-actor").first()).toHaveText(`E2E 매니저 ${tag}`);
  const created = rows.filter({ hasText: itemKo });
  await expect(created.getByTestId("diff-after").filter({ hasText: "4800" })).toHaveCount(1);

  // All menu actions of this manager: the sold-out switch shows as a before → after of one field.
  await filters.getByLabel("작업", { exact: true }).selectOption({ label: "메뉴 변경" });
  await filters.getByRole("button", { name: "적용" }).click();
  const soldOut = page.getByTestId("audit-row").filter({ hasText: "isSoldOut" });
  await expect(soldOut).toHaveCount(1);
  await expect(soldOut.getByTestId("diff-before")).toHaveText("✗");
  await expect(soldOut.getByTestId("diff-after")).toHaveText("✓");
  await shot(page, testInfo, "admin-audit-log");

  // By store: this manager's menu changes all belong to the HQ cafe, and none to the cafeteria.
  await filters.getByLabel("작업", { exact: true }).selectOption({ label: "메뉴 전체" });
  await filters.getByLabel("매장").selectOption({ label: "본사 카페" });
  await filters.getByRole("button", { name: "적용" }).click();
  await expect(page).toHaveURL(/store=[0-9a-f-]{36}/);
  const inCafe = page.getByTestId("audit-row");
  await expect(inCafe.filter({ hasText: "메뉴 삭제" })).toHaveCount(1);
  for (const store of await inCafe.getByTestId("audit-store").allTextContents()) expect(store).toBe("본사 카페");
  await shot(page, testInfo, "admin-audit-log-store");
  await filters.getByLabel("매장").selectOption({ label: "식당" });
  await filters.getByRole("button", { name: "적용" }).click();
  await expect(page.getByText("조건에 맞는 기록이 없습니다.")).toBeVisible();

  // A day with nothing in it, and the PIN change among this manager's actions.
  await page.goto("/admin/audit?to=2020-01-01");
  await expect(page.getByText("조건에 맞는 기록이 없습니다.")).toBeVisible();
  await page.goto("/admin/audit?action=manager.pin.change");
  await expect(page.getByTestId("audit-row").filter({ hasText: managerEmail })).toHaveCount(2);
});

test("a manager is kept out of the audit log and HR out of the menu editor; both consoles speak English", async ({ browser }, testInfo) => {
  const manager = await browser.newContext({ viewport: devices.desktop, locale: "ko-KR" });
  const hr = await browser.newContext({ viewport: devices.desktop, locale: "ko-KR" });
  try {
    await signInAs(manager, managerEmail);
    const managerPage = await manager.newPage();
    await managerPage.goto("/admin/audit");
    await expect(managerPage).toHaveURL(/\/admin\/menu$/);
    const refused = await manager.request.get("/api/trpc/audit.list?input=" + encodeURIComponent(JSON.stringify({ json: {} })));
    expect(refused.status()).toBe(403);

    await signInAs(hr, "hr@canteen.dev");
    const hrPage = await hr.newPage();
    await hrPage.goto("/admin/menu");
    await expect(hrPage).toHaveURL(/\/admin\/employees$/);
    await hrPage.goto("/admin/settings");
    await expect(hrPage).toHaveURL(/\/admin\/employees$/);
    const menu = await hr.request.get("/api/trpc/menuAdmin.menu");
    expect(menu.status()).toBe(403);

    // The console in English, too.
    await managerPage.goto("/admin/menu");
    await managerPage.getByRole("button", { name: "English" }).click();
    await expect(managerPage.getByRole("heading", { name: "HQ Cafe menu" })).toBeVisible();
    await expect(managerPage.getByRole("link", { name: "Store settings" })).toBeVisible();
    await expect(managerPage.getByRole("columnheader", { name: "Sold out" })).toBeVisible();
    await shot(managerPage, testInfo, "admin-menu-english");
    await hrPage.goto("/admin/audit");
    await hrPage.getByRole("button", { name: "English" }).click();
    await expect(hrPage.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await shot(hrPage, testInfo, "admin-audit-log-english");
  } finally {
    await manager.close();
    await hr.close();
  }
});
