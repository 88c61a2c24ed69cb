import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, users } from "@/db/schema";
import { seed } from "@/db/seed";
import { DEMO_MANAGER_PIN } from "@/db/seed-data";
import { hashPassword } from "@/server/auth/password";
import type { SessionUser } from "@/server/auth/roles";
import { MENU_EVENTS_CHANNEL } from "@/server/domain/menu/events";
import { MAX_IMAGE_BYTES } from "@/server/domain/menu/inputs";
import { loadMenuImage, pruneMenuImages } from "@/server/domain/menu/images";
import { createOrder } from "@/server/domain/orders/create-order";
import { checkManagerPin, countingManagerPinFailures } from "@/server/domain/people/manager-pin";
import { changeOwnManagerPin, PIN_CHANGE_LIMIT } from "@/server/domain/stores/settings";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { errorOf, sessionOf, trpcFailure } from "@/test/helpers";
import { createInnerContext } from "../init";
import { createCaller } from "../root";

// The smallest valid PNG (1×1), and a GIF's header, which is not an accepted type.
const PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const GIF_HEADER = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "binary").toString("base64");

describe("menu editor, store settings and the audit log", () => {
  let database: TestDatabase;
  let manager: SessionUser;
  let hr: SessionUser;
  let kiosk: SessionUser;
  let otherManager: SessionUser;
  let cafeId: string;
  let cafeteriaId: string;
  const callerFor = (session: SessionUser) => createCaller(createInnerContext({ db: database.db, session }));
  const counts = async () => {
    const [row] = await database.sql<{ items: number; categories: number; groups: number; choices: number; audits: number }[]>`
      select (select count(*)::int from menu_items) as items, (select count(*)::int from menu_categories) as categories,
             (select count(*)::int from option_groups) as groups, (select count(*)::int from option_choices) as choices,
             (select count(*)::int from audit_log) as audits`;
    return row;
  };
  /** Notifications on the menu channel while `run` runs (LISTEN on a connection of its own). */
  const menuEventsDuring = async (run: () => Promise<unknown>) => {
    const heard: { storeId: string; change: string }[] = [];
    const listener = await database.sql.listen(MENU_EVENTS_CHANNEL, (payload) => heard.push(JSON.parse(payload) as { storeId: string; change: string }));
    try {
      await run().catch(() => undefined);
      // NOTIFY is delivered after commit; give the listening connection a moment.
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await listener.unlisten();
    }
    return heard;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.db);
    const stores = await database.sql<{ id: string; code: string }[]>`select id, code from stores`;
    cafeId = stores.find((s) => s.code === "hq-cafe")?.id ?? "";
    cafeteriaId = stores.find((s) => s.code === "cafeteria")?.id ?? "";
    await database.db.insert(users).values({
      email: "manager.cafeteria@canteen.dev",
      name: "식당매니저",
      role: "store_manager",
      storeId: cafeteriaId,
      passwordHash: await hashPassword("x-unused-password"),
    });
    manager = await sessionOf(database.db, "manager@canteen.dev");
    hr = await sessionOf(database.db, "hr@canteen.dev");
    kiosk = await sessionOf(database.db, "kiosk.cafe@canteen.dev");
    otherManager = await sessionOf(database.db, "manager.cafeteria@canteen.dev");
  });
  afterAll(() => database.close());

  it("adds a category and an item that the store's kiosk then sells, with the change audited before/after", async () => {
    const api = callerFor(manager);
    const category = await api.menuAdmin.createCategory({ nameKo: "시즌 음료", nameEn: "Seasonal" });
    const item = await api.menuAdmin.createItem({ categoryId: category.id, nameKo: "유자 에이드", nameEn: "Yuja Ade", price: 5200 });
    const kioskMenu = await callerFor(kiosk).menu.forKiosk();
    const seasonal = kioskMenu.categories.find((c) => c.id === category.id);
    expect(kioskMenu.categories.at(-1)?.id).toBe(category.id);
    expect(seasonal?.items.map((i) => [i.nameKo, i.price])).toEqual([["유자 에이드", 5200n]]);

    await api.menuAdmin.updateItem({
      id: item.id,
      categoryId: category.id,
      nameKo: "유자 에이드",
      nameEn: "Citron Ade",
      price: 5500,
      isSoldOut: false,
      isActive: true,
      optionGroupIds: [],
    });
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.entityId, item.id)).orderBy(auditLog.createdAt);
    expect(audits.map((a) => a.action)).toEqual(["menu.item.create", "menu.item.update"]);
    expect(audits[1]).toMatchObject({
      actorId: manager.id,
      before: expect.objectContaining({ nameEn: "Yuja Ade", price: "5200" }),
      after: expect.objectContaining({ nameEn: "Citron Ade", price: "5500" }),
    });
  });

  it("refuses bad input with a message per field and changes nothing", async () => {
    const api = callerFor(manager);
    const menu = await api.menuAdmin.menu();
    const coffee = menu.categories[0];
    if (!coffee) throw new Error("no coffee category");
    const before = await counts();
    const cases: [unknown, string, string][] = [
      [{ categoryId: coffee.id, nameKo: "라떼2", nameEn: "Latte 2", price: -100 }, "price", "priceNegative"],
      [{ categoryId: coffee.id, nameKo: "라떼2", nameEn: "Latte 2", price: 4500.5 }, "price", "priceNotWhole"],
      [{ categoryId: coffee.id, nameKo: "  ", nameEn: "Latte 2", price: 4500 }, "nameKo", "nameRequired"],
      [{ categoryId: coffee.id, nameKo: "라떼2", nameEn: "", price: 4500 }, "nameEn", "nameRequired"],
      [{ categoryId: coffee.id, nameKo: "라떼2", nameEn: "Latte 2", price: 20_000_000 }, "price", "priceTooHigh"],
    ];
    for (const [input, field, key] of cases) {
      const failure = await trpcFailure(api.menuAdmin.createItem(input as never));
      expect(failure.code).toBe("BAD_REQUEST");
      const flattened = (failure.cause as { flatten?: () => { fieldErrors: Record<string, string[]> } }).flatten?.();
      expect(flattened?.fieldErrors[field]?.[0], JSON.stringify(input)).toBe(key);
    }
    const badGroup = await trpcFailure(
      api.menuAdmin.createOptionGroup({
        nameKo: "토핑",
        nameEn: "Topping",
        minSelect: 3,
        maxSelect: 2,
        choices: [
          { nameKo: "펄", nameEn: "Pearl", priceDelta: 500, isDefault: false },
          { nameKo: "젤리", nameEn: "Jelly", priceDelta: 500, isDefault: false },
        ],
      }),
    );
    expect(badGroup.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(badGroup.cause)).toContain("minAboveMax");
    const negativeDelta = await trpcFailure(
      api.menuAdmin.createOptionGroup({
        nameKo: "토핑",
        nameEn: "Topping",
        minSelect: 0,
        maxSelect: 1,
        choices: [{ nameKo: "펄", nameEn: "Pearl", priceDelta: -1, isDefault: false }],
      }),
    );
    expect(negativeDelta.code).toBe("BAD_REQUEST");
    // A category of another store is refused by the domain, inside the transaction.
    const cafeteriaCategory = (await callerFor(otherManager).menuAdmin.menu()).categories[0];
    const foreign = await trpcFailure(
      api.menuAdmin.createItem({ categoryId: cafeteriaCategory?.id ?? "", nameKo: "김밥", nameEn: "Gimbap", price: 3000 }),
    );
    expect(foreign.cause).toMatchObject({ messageKey: "menuCategoryNotFound" });
    expect(await counts()).toEqual(before);
  });

  it("reorders categories and items, and refuses an order that does not list exactly the current ones", async () => {
    const api = callerFor(manager);
    const menu = await api.menuAdmin.menu();
    const ids = menu.categories.map((c) => c.id);
    const reversed = [...ids].reverse();
    await api.menuAdmin.reorderCategories({ ids: reversed });
    expect((await callerFor(kiosk).menu.forKiosk()).categories.map((c) => c.id)).toEqual(reversed);

    const coffee = menu.categories.find((c) => c.code === "coffee");
    if (!coffee) throw new Error("no coffee");
    const itemIds = coffee.items.map((i) => i.id);
    const rotated = [...itemIds.slice(1), itemIds[0] ?? ""];
    await api.menuAdmin.reorderItems({ categoryId: coffee.id, ids: rotated });
    const after = await api.menuAdmin.menu();
    expect(after.categories.find((c) => c.id === coffee.id)?.items.map((i) => i.id)).toEqual(rotated);

    const stale = await trpcFailure(api.menuAdmin.reorderCategories({ ids: reversed.slice(1) }));
    expect(stale.cause).toMatchObject({ messageKey: "menuOrderStale" });
    await api.menuAdmin.reorderCategories({ ids });
  });

  it("hides a category from the kiosk and from checkout, but keeps it in the editor", async () => {
    const api = callerFor(manager);
    const category = await api.menuAdmin.createCategory({ nameKo: "숨김 분류", nameEn: "Hidden one" });
    const item = await api.menuAdmin.createItem({ categoryId: category.id, nameKo: "숨은 빵", nameEn: "Hidden bread", price: 3000 });
    await api.menuAdmin.updateCategory({ id: category.id, nameKo: "숨김 분류", nameEn: "Hidden one", isVisible: false });
    expect((await callerFor(kiosk).menu.forKiosk()).categories.some((c) => c.id === category.id)).toBe(false);
    expect((await api.menuAdmin.menu()).categories.find((c) => c.id === category.id)?.isVisible).toBe(false);
    await expect(
      createOrder({
        tx: database.db,
        input: { storeId: cafeId, lines: [{ itemId: item.id, quantity: 1, optionIds: [] }], source: "kiosk", createdBy: kiosk.id, now: new Date() },
      }),
    ).rejects.toMatchObject({ messageKey: "menuItemNotFound" });
  });

  it("a new option group's min/max and price deltas hold at checkout", async () => {
    const api = callerFor(manager);
    const category = await api.menuAdmin.createCategory({ nameKo: "버블티", nameEn: "Bubble tea" });
    const group = await api.menuAdmin.createOptionGroup({
      nameKo: "토핑",
      nameEn: "Topping",
      minSelect: 1,
      maxSelect: 2,
      choices: [
        { nameKo: "펄", nameEn: "Pearl", priceDelta: 500, isDefault: true },
        { nameKo: "젤리", nameEn: "Jelly", priceDelta: 700, isDefault: false },
        { nameKo: "코코", nameEn: "Coco", priceDelta: 0, isDefault: false },
      ],
    });
    const item = await api.menuAdmin.createItem({ categoryId: category.id, nameKo: "밀크티", nameEn: "Milk tea", price: 4000, optionGroupIds: [group.id] });
    const [pearl, jelly, coco] = group.choices.map((c) => c.id);
    const order = (optionIds: string[]) =>
      createOrder({
        tx: database.db,
        input: { storeId: cafeId, lines: [{ itemId: item.id, quantity: 2, optionIds }], source: "kiosk", createdBy: kiosk.id, now: new Date() },
      });
    await expect(order([])).rejects.toMatchObject({ messageKey: "optionRequired" });
    await expect(order([pearl ?? "", jelly ?? "", coco ?? ""])).rejects.toMatchObject({ messageKey: "optionTooMany" });
    const paid = await order([pearl ?? "", jelly ?? ""]);
    expect(paid.total).toBe(2n * (4000n + 500n + 700n));

    // Editing the group: drop a choice, change a delta, and tighten max to 1.
    const updated = await api.menuAdmin.updateOptionGroup({
      id: group.id,
      nameKo: "토핑",
      nameEn: "Topping",
      minSelect: 1,
      maxSelect: 1,
      choices: [
        { id: pearl, nameKo: "펄", nameEn: "Pearl", priceDelta: 600, isDefault: true },
        { nameKo: "알로에", nameEn: "Aloe", priceDelta: 800, isDefault: false },
      ],
    });
    expect(updated.choices.map((c) => [c.nameEn, c.priceDelta])).toEqual([["Pearl", 600n], ["Aloe", 800n]]);
    await expect(order([pearl ?? "", jelly ?? ""])).rejects.toMatchObject({ messageKey: "optionNotForItem" });
    await expect(order([pearl ?? "", updated.choices[1]?.id ?? ""])).rejects.toMatchObject({ messageKey: "optionTooMany" });
    expect((await order([pearl ?? ""])).total).toBe(2n * 4600n);
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, "menu.option_group.update"));
    expect(audit?.before).toMatchObject({ maxSelect: 2, choices: expect.arrayContaining([expect.objectContaining({ nameEn: "Jelly" })]) });
    expect(audit?.after).toMatchObject({ maxSelect: 1 });
  });

  it("accepts PNG pictures up to 2 MB, refuses other types, oversize and empty files, and serves the bytes back", async () => {
    const api = callerFor(manager);
    const before = await counts();
    const tooBig = Buffer.alloc(MAX_IMAGE_BYTES + 1, 0);
    Buffer.from(PNG_1X1, "base64").copy(tooBig);
    expect((await trpcFailure(api.menuAdmin.uploadImage({ dataBase64: tooBig.toString("base64") }))).cause).toMatchObject({
      messageKey: "imageTooLarge",
      details: { maxMb: 2 },
    });
    expect((await trpcFailure(api.menuAdmin.uploadImage({ dataBase64: GIF_HEADER }))).cause).toMatchObject({ messageKey: "imageTypeUnsupported" });
    expect((await trpcFailure(api.menuAdmin.uploadImage({ dataBase64: "" }))).code).toBe("BAD_REQUEST");
    expect((await trpcFailure(api.menuAdmin.uploadImage({ dataBase64: "not base64!" }))).cause).toMatchObject({ messageKey: "imageUnreadable" });
    expect(await database.sql`select 1 from menu_images`).toHaveLength(0);

    const image = await api.menuAdmin.uploadImage({ dataBase64: PNG_1X1, fileName: "dot.png" });
    expect(image).toMatchObject({ contentType: "image/png", url: `/api/menu-images/${image.id}` });
    const stored = await loadMenuImage({ tx: database.db, input: { id: image.id } });
    expect(stored?.data.equals(Buffer.from(PNG_1X1, "base64"))).toBe(true);

    const menu = await api.menuAdmin.menu();
    const coffee = menu.categories.find((c) => c.code === "coffee");
    const item = await api.menuAdmin.createItem({ categoryId: coffee?.id ?? "", nameKo: "그림 커피", nameEn: "Picture coffee", price: 3000, imageId: image.id });
    expect(item.imagePath).toBe(image.url);
    // Another store's manager cannot attach this store's picture.
    const cafeteriaCategory = (await callerFor(otherManager).menuAdmin.menu()).categories[0];
    expect(
      (await trpcFailure(
        callerFor(otherManager).menuAdmin.createItem({ categoryId: cafeteriaCategory?.id ?? "", nameKo: "x", nameEn: "x", price: 1, imageId: image.id }),
      )).cause,
    ).toMatchObject({ messageKey: "menuImageNotFound" });
    expect((await counts())?.items).toBe((before?.items ?? 0) + 1);

    // Pruning keeps the picture an item shows and drops an upload nobody attached, once it is old enough.
    const orphan = await api.menuAdmin.uploadImage({ dataBase64: PNG_1X1 });
    expect(await pruneMenuImages(database.db, new Date(Date.now() - 60_000))).toBe(0);
    expect(await pruneMenuImages(database.db, new Date(Date.now() + 60_000))).toBe(1);
    expect(await loadMenuImage({ tx: database.db, input: { id: orphan.id } })).toBeNull();
    expect(await loadMenuImage({ tx: database.db, input: { id: image.id } })).not.toBeNull();
  });

  it("announces each committed menu change to the store's kiosks, and nothing for a refused one", async () => {
    const api = callerFor(manager);
    const heard = await menuEventsDuring(() => api.menuAdmin.createCategory({ nameKo: "알림 분류", nameEn: "Notified" }));
    expect(heard).toEqual([{ storeId: cafeId, change: "menu.category.create" }]);
    const refused = await menuEventsDuring(() =>
      api.menuAdmin.updateCategory({ id: crypto.randomUUID(), nameKo: "없음", nameEn: "None", isVisible: true }),
    );
    expect(refused).toEqual([]);
    const soldOut = await menuEventsDuring(async () => {
      const latte = (await callerFor(kiosk).menu.forKiosk()).categories[0]?.items[1];
      await callerFor(kiosk).menu.setSoldOut({ itemId: latte?.id ?? "", soldOut: false });
    });
    expect(soldOut).toEqual([{ storeId: cafeId, change: "menu.item.sold_out" }]);
    const doomed = await api.menuAdmin.createItem({ categoryId: (await api.menuAdmin.menu()).categories[0]?.id ?? "", nameKo: "곧 삭제", nameEn: "Doomed", price: 1000 });
    const deleted = await menuEventsDuring(() => api.menuAdmin.deleteItem({ id: doomed.id }));
    expect(deleted).toEqual([{ storeId: cafeId, change: "menu.item.delete" }]);
    expect((await callerFor(kiosk).menu.forKiosk()).categories.flatMap((c) => c.items).some((i) => i.id === doomed.id)).toBe(false);
    const refusedDelete = await menuEventsDuring(() => api.menuAdmin.deleteCategory({ id: doomed.categoryId }));
    expect(refusedDelete).toEqual([]);
  });

  it("keeps each manager to their own store", async () => {
    const mine = await callerFor(manager).menuAdmin.menu();
    const theirs = callerFor(otherManager).menuAdmin;
    const item = mine.categories[0]?.items[0];
    const category = mine.categories[0];
    if (!item || !category) throw new Error("no cafe menu");
    const before = await counts();
    const edit = await trpcFailure(
      theirs.updateItem({ id: item.id, categoryId: category.id, nameKo: "탈취", nameEn: "Taken", price: 1, isSoldOut: true, isActive: false, optionGroupIds: [] }),
    );
    expect(edit.code).toBe("NOT_FOUND");
    expect((await trpcFailure(theirs.updateCategory({ id: category.id, nameKo: "탈취", nameEn: "Taken", isVisible: false }))).code).toBe("NOT_FOUND");
    expect((await trpcFailure(theirs.reorderItems({ categoryId: category.id, ids: category.items.map((i) => i.id) }))).code).toBe("NOT_FOUND");
    expect((await trpcFailure(theirs.reorderCategories({ ids: mine.categories.map((c) => c.id) }))).cause).toMatchObject({ messageKey: "menuOrderStale" });
    const cafeGroup = mine.optionGroups[0];
    expect(
      (await trpcFailure(theirs.updateOptionGroup({
        id: cafeGroup?.id ?? "",
        nameKo: "x",
        nameEn: "x",
        minSelect: 0,
        maxSelect: 1,
        choices: [{ nameKo: "x", nameEn: "x", priceDelta: 0, isDefault: false }],
      }))).code,
    ).toBe("NOT_FOUND");
    expect((await trpcFailure(theirs.deleteItem({ id: item.id }))).code).toBe("NOT_FOUND");
    expect((await trpcFailure(theirs.deleteOptionGroup({ id: cafeGroup?.id ?? "" }))).code).toBe("NOT_FOUND");
    expect((await trpcFailure(theirs.deleteCategory({ id: category.id }))).code).toBe("NOT_FOUND");
    expect((await trpcFailure(callerFor(kiosk).menuAdmin.deleteItem({ id: item.id }))).code).toBe("FORBIDDEN");
    expect((await trpcFailure(callerFor(manager).menuAdmin.deleteItem({ id: "not-an-id" }))).code).toBe("BAD_REQUEST");
    expect((await theirs.menu()).categories.every((c) => c.storeId === cafeteriaId)).toBe(true);
    const unchanged = await callerFor(manager).menuAdmin.menu();
    expect(unchanged.categories[0]?.items[0]).toMatchObject({ nameKo: item.nameKo, price: item.price, isActive: true });
    expect(await counts()).toEqual(before);
  });

  it("keeps managers out of HR procedures and HR out of menu and store settings", async () => {
    const asManager = callerFor(manager);
    for (const call of [
      () => asManager.audit.list({}),
      () => asManager.audit.filters(),
      () => asManager.voucherAdmin.policies(),
      () => asManager.people.listEmployees({}),
    ]) {
      expect((await trpcFailure(call())).code).toBe("FORBIDDEN");
    }
    const asHr = callerFor(hr);
    for (const call of [
      () => asHr.menuAdmin.menu(),
      () => asHr.menuAdmin.createCategory({ nameKo: "HR", nameEn: "HR" }),
      () => asHr.menuAdmin.settings(),
      () => asHr.menuAdmin.updateSettings({ timeZone: "Asia/Seoul", receiptHeader: "", openingHours: [null, null, null, null, null, null, null] }),
      () => asHr.menuAdmin.changePin({ newPin: "5678", confirmPin: "5678" }),
    ]) {
      expect((await trpcFailure(call())).code).toBe("FORBIDDEN");
    }
  });

  it("updates store settings with validation and an audit row, and changes the PIN so the old one stops working", async () => {
    const api = callerFor(manager);
    const hours = [null, ...Array.from({ length: 5 }, () => ({ open: "07:30", close: "19:00" })), { open: "10:00", close: "15:00" }];
    const bad = await trpcFailure(
      api.menuAdmin.updateSettings({ timeZone: "Mars/Olympus", receiptHeader: "x", openingHours: hours }),
    );
    expect(JSON.stringify(bad.cause)).toContain("timeZoneInvalid");
    const reversed = await trpcFailure(
      api.menuAdmin.updateSettings({ timeZone: "Asia/Seoul", receiptHeader: "x", openingHours: [{ open: "18:00", close: "09:00" }, ...hours.slice(1)] }),
    );
    expect(JSON.stringify(reversed.cause)).toContain("closeBeforeOpen");

    await api.menuAdmin.updateSettings({ timeZone: "Asia/Seoul", receiptHeader: "  (주)캔틴 본사 카페\n사업자 123-45-67890  ", openingHours: hours });
    const settings = await api.menuAdmin.settings();
    expect(settings).toMatchObject({ receiptHeader: "(주)캔틴 본사 카페\n사업자 123-45-67890", openingHours: hours, hasPin: true });
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, "store.settings.update"));
    expect(audit).toMatchObject({ actorId: manager.id, entityId: cafeId, before: expect.objectContaining({ receiptHeader: "" }) });

    const pinCheck = (pin: string) => checkManagerPin(database.db, { storeId: cafeId, pin, clientKey: `test-${crypto.randomUUID()}`, now: new Date() });
    const wrongCurrent = await trpcFailure(api.menuAdmin.changePin({ currentPin: "0000", newPin: "482913", confirmPin: "482913" }));
    expect(wrongCurrent.cause).toMatchObject({ messageKey: "currentPinWrong" });
    const mismatch = await trpcFailure(api.menuAdmin.changePin({ currentPin: DEMO_MANAGER_PIN, newPin: "482913", confirmPin: "482914" }));
    expect(JSON.stringify(mismatch.cause)).toContain("pinMismatch");
    await expect(pinCheck(DEMO_MANAGER_PIN)).resolves.toMatchObject({ id: manager.id });

    await api.menuAdmin.changePin({ currentPin: DEMO_MANAGER_PIN, newPin: "482913", confirmPin: "482913" });
    await expect(pinCheck("482913")).resolves.toMatchObject({ id: manager.id });
    expect(await errorOf(pinCheck(DEMO_MANAGER_PIN))).toMatchObject({ messageKey: "managerPinWrong" });
    const [pinAudit] = await database.db.select().from(auditLog).where(eq(auditLog.action, "manager.pin.change"));
    expect(pinAudit).toMatchObject({ before: { pinSet: true }, after: { pinSet: true } });
    expect(JSON.stringify(pinAudit)).not.toContain("482913");

    // Guessing the current PIN from an open console stops after a few tries, even for the right one.
    const now = new Date(Date.UTC(2026, 5, 1, 3, 1));
    const change = (currentPin: string) =>
      countingManagerPinFailures(database.db, () =>
        database.db.transaction((tx) => changeOwnManagerPin({ tx, input: { currentPin, newPin: "246810", confirmPin: "246810", userId: manager.id, now } })),
      );
    for (let attempt = 0; attempt < PIN_CHANGE_LIMIT; attempt++) {
      expect(await errorOf(change("0000"))).toMatchObject({ messageKey: "currentPinWrong", details: { field: "currentPin" } });
    }
    expect(await errorOf(change("482913"))).toMatchObject({ code: "TOO_MANY_REQUESTS", messageKey: "managerPinTooManyAttempts" });
    await expect(pinCheck("482913")).resolves.toMatchObject({ id: manager.id });
  });

  it("lets HR read the audit log newest first, filtered by actor, action and date, a page at a time", async () => {
    const api = callerFor(hr);
    const all = await api.audit.list({ pageSize: 100 });
    expect(all.total).toBeGreaterThan(10);
    const times = all.rows.map((r) => r.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const filters = await api.audit.filters();
    expect(filters.actors.map((a) => a.email)).toContain("manager@canteen.dev");
    expect(filters.actions).toEqual(expect.arrayContaining(["menu.item.create", "store.settings.update", "manager.pin.change"]));

    const byManager = await api.audit.list({ actorId: manager.id, pageSize: 100 });
    expect(byManager.rows.every((r) => r.actorEmail === "manager@canteen.dev")).toBe(true);
    expect(byManager.rows.length).toBe(byManager.total);
    const itemCreates = await api.audit.list({ action: "menu.item.create" });
    expect(itemCreates.rows.length).toBeGreaterThan(2);
    expect(itemCreates.rows.every((r) => r.action === "menu.item.create")).toBe(true);
    const family = await api.audit.list({ action: "menu.", pageSize: 100 });
    expect(family.rows.every((r) => r.action.startsWith("menu."))).toBe(true);
    expect(family.total).toBeGreaterThan(itemCreates.total);

    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul" }).format(new Date());
    expect((await api.audit.list({ from: today, to: today })).total).toBe(all.total);
    expect((await api.audit.list({ to: "2020-01-01" })).total).toBe(0);
    expect((await trpcFailure(api.audit.list({ from: "2026-02-01", to: "2026-01-01" }))).code).toBe("BAD_REQUEST");

    const page1 = await api.audit.list({ pageSize: 3, page: 1 });
    const page2 = await api.audit.list({ pageSize: 3, page: 2 });
    expect(page1.rows).toHaveLength(3);
    expect(page2.rows[0]?.id).toBe(all.rows[3]?.id);
    expect(page1.rows.map((r) => r.id)).toEqual(all.rows.slice(0, 3).map((r) => r.id));
  });
});
