import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, menuCategories, menuItems, optionGroups, users } from "@/db/schema";
import { createOrder } from "@/server/domain/orders/create-order";
import { refundOrder } from "@/server/domain/payments/refund-order";
import { purchaseReceipt } from "@/server/domain/history/purchases";
import { topVoucherItems } from "@/server/domain/reports/dashboard";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { errorOf } from "@/test/helpers";
import { LUNCHTIME, moneyWorld } from "@/test/money-fixtures";
import { createCategory, createItem, deleteCategory, deleteItem, deleteOptionGroup, updateItem, type MenuActor } from "./manage";
import { loadStoreMenu } from "./store-menu";
import { setSoldOut } from "./set-sold-out";

type World = Awaited<ReturnType<typeof moneyWorld>>;

describe("deleting from the menu", () => {
  let database: TestDatabase;
  let world: World;
  let actor: MenuActor;
  const itemByCode = async (code: string) => {
    const [row] = await database.db.select().from(menuItems).where(and(eq(menuItems.code, code), eq(menuItems.storeId, world.cafe.id)));
    if (!row) throw new Error(`no item ${code}`);
    return row;
  };
  const allItemIds = async (includeHidden: boolean) =>
    (await loadStoreMenu({ tx: database.db, input: { storeId: world.cafe.id, includeHidden } })).categories.flatMap((c) => c.items.map((i) => i.id));
  const kioskOrder = (itemId: string, optionIds: string[] = []) =>
    createOrder({
      tx: database.db,
      input: { storeId: world.cafe.id, lines: [{ itemId, quantity: 1, optionIds }], source: "kiosk", createdBy: world.kiosk.id, now: LUNCHTIME },
    });
  const remove = (fn: typeof deleteItem, id: string) => database.db.transaction((tx) => fn({ tx, input: { ...actor, id, now: LUNCHTIME } }));

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
    const [manager] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, "manager@canteen.dev"));
    if (!manager) throw new Error("no demo manager");
    actor = { storeId: world.cafe.id, actorId: manager.id };
  });
  afterAll(() => database.close());

  it("takes an item off the kiosk, the pay app and the editor, while its past order, receipt, refund and report stay whole", async () => {
    const buyer = await world.employee(31);
    await world.fund(buyer, 20_000n);
    await world.lunch(buyer);
    const cookie = await itemByCode("cookie");
    const sale = await world.sell({ lines: [await world.line("cookie", 2), await world.line("sandwich")], payer: { employeeId: buyer } });
    const reportBefore = await topVoucherItems({ tx: database.db, input: { from: "2026-11-25", to: "2026-11-25", storeId: world.cafe.id } });
    expect(reportBefore.find((row) => row.itemId === cookie.id)?.quantity).toBe(2);

    await remove(deleteItem, cookie.id);

    expect(await allItemIds(false)).not.toContain(cookie.id);
    expect(await allItemIds(true)).not.toContain(cookie.id);
    expect(await errorOf(kioskOrder(cookie.id))).toMatchObject({ messageKey: "menuItemNotFound" });
    // Nor can the editor or the barista's switch bring it back by id.
    expect(
      await errorOf(
        database.db.transaction((tx) =>
          updateItem({ tx, input: { ...actor, id: cookie.id, categoryId: cookie.categoryId, nameKo: "쿠키", nameEn: "Cookie", price: 2000, isSoldOut: false, isActive: true, optionGroupIds: [] } }),
        ),
      ),
    ).toMatchObject({ messageKey: "menuItemNotFound" });
    expect(await errorOf(database.db.transaction((tx) => setSoldOut({ tx, input: { storeId: world.cafe.id, itemId: cookie.id, soldOut: true } })))).toMatchObject({
      messageKey: "menuItemNotFound",
    });
    expect(await errorOf(remove(deleteItem, cookie.id))).toMatchObject({ messageKey: "menuItemNotFound" });

    // The row stays for the order line that points at it.
    const [row] = await database.db.select({ deletedAt: menuItems.deletedAt }).from(menuItems).where(eq(menuItems.id, cookie.id));
    expect(row?.deletedAt).toEqual(LUNCHTIME);
    const receipt = await purchaseReceipt({ tx: database.db, input: { employeeId: buyer, orderId: sale.orderId } });
    expect(receipt.lines.map((line) => line.nameKo)).toContain(cookie.nameKo);
    const reportAfter = await topVoucherItems({ tx: database.db, input: { from: "2026-11-25", to: "2026-11-25", storeId: world.cafe.id } });
    expect(reportAfter).toEqual(reportBefore);
    const cookieLine = receipt.lines.find((line) => line.nameKo === cookie.nameKo);
    if (!cookieLine) throw new Error("no cookie line");
    const refunded = await database.db.transaction((tx) =>
      refundOrder({
        tx,
        input: { orderId: sale.orderId, storeId: world.cafe.id, lines: [{ lineId: cookieLine.id, quantity: 1 }], reason: "삭제된 메뉴 환불", actorId: world.kiosk.id, now: LUNCHTIME },
      }),
    );
    expect(refunded.amount).toBe(cookie.price);

    const [audit] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, "menu.item.delete"), eq(auditLog.entityId, cookie.id)));
    expect(audit).toMatchObject({ actorId: actor.actorId, storeId: world.cafe.id, before: expect.objectContaining({ nameKo: cookie.nameKo }), after: null });
  });

  it("refuses to delete a category that still has items, then deletes it once they are gone", async () => {
    const category = await database.db.transaction((tx) => createCategory({ tx, input: { ...actor, nameKo: "시즌", nameEn: "Season" } }));
    const first = await database.db.transaction((tx) => createItem({ tx, input: { ...actor, categoryId: category.id, nameKo: "유자차", nameEn: "Yuja tea", price: 4000, isSoldOut: false, isActive: true, optionGroupIds: [] } }));
    const second = await database.db.transaction((tx) => createItem({ tx, input: { ...actor, categoryId: category.id, nameKo: "모과차", nameEn: "Quince tea", price: 4000, isSoldOut: false, isActive: true, optionGroupIds: [] } }));

    const refused = await errorOf(remove(deleteCategory, category.id));
    expect(refused).toMatchObject({ code: "CONFLICT", messageKey: "menuCategoryNotEmpty", details: { count: 2 } });
    const [still] = await database.db.select({ deletedAt: menuCategories.deletedAt }).from(menuCategories).where(eq(menuCategories.id, category.id));
    expect(still?.deletedAt).toBeNull();
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "menu.category.delete"))).toHaveLength(0);

    await remove(deleteItem, first.id);
    expect(await errorOf(remove(deleteCategory, category.id))).toMatchObject({ details: { count: 1 } });
    await remove(deleteItem, second.id);
    await remove(deleteCategory, category.id);

    const editor = await loadStoreMenu({ tx: database.db, input: { storeId: world.cafe.id, includeHidden: true } });
    expect(editor.categories.map((c) => c.id)).not.toContain(category.id);
    // A deleted category takes no new items.
    expect(
      await errorOf(database.db.transaction((tx) => createItem({ tx, input: { ...actor, categoryId: category.id, nameKo: "새 차", nameEn: "New tea", price: 1000, isSoldOut: false, isActive: true, optionGroupIds: [] } }))),
    ).toMatchObject({ messageKey: "menuCategoryNotFound" });
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, "menu.category.delete"));
    expect(audit).toMatchObject({ entityId: category.id, storeId: world.cafe.id, before: expect.objectContaining({ nameKo: "시즌" }) });
  });

  it("takes a deleted option group off every item, while orders already placed keep their choices", async () => {
    const americano = await itemByCode("americano");
    const icedLarge = await world.line("americano", 1, ["iced", "large"]);
    const before = await kioskOrder(americano.id, icedLarge.optionIds);
    const [size] = await database.db.select().from(optionGroups).where(and(eq(optionGroups.code, "size"), eq(optionGroups.storeId, world.cafe.id)));
    if (!size) throw new Error("no size group");

    await remove(deleteOptionGroup, size.id);

    const menu = await loadStoreMenu({ tx: database.db, input: { storeId: world.cafe.id, includeHidden: true } });
    expect(menu.optionGroups.map((g) => g.id)).not.toContain(size.id);
    const item = menu.categories.flatMap((c) => c.items).find((i) => i.id === americano.id);
    expect(item?.optionGroups.map((g) => g.code)).not.toContain("size");
    // The large choice is no longer offered; the americano sells without it.
    expect(await errorOf(kioskOrder(americano.id, icedLarge.optionIds))).toMatchObject({ messageKey: "optionNotForItem" });
    const withoutSize = await world.line("americano", 1, ["iced"]);
    await expect(kioskOrder(americano.id, withoutSize.optionIds)).resolves.toMatchObject({ storeId: world.cafe.id });
    const [line] = await database.sql<{ options: { nameKo: string }[] }[]>`select options from order_lines where order_id = ${before.id}`;
    expect(line?.options.map((option) => option.nameKo)).toEqual(expect.arrayContaining(["라지"]));

    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, "menu.option_group.delete"));
    expect(audit?.storeId).toBe(world.cafe.id);
    expect((audit?.before as { usedByItemIds: string[] }).usedByItemIds).toContain(americano.id);
  });
});
