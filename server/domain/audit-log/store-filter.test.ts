import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, menuItems, users } from "@/db/schema";
import { migrationsFolder } from "@/db/migrate";
import { seed } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { recordAudit } from "../audit";
import { createCategory } from "../menu/manage";
import { setSoldOut } from "../menu/set-sold-out";
import { updateStoreSettings } from "../stores/settings";
import { addHoliday } from "../vouchers/holidays";
import { auditFilterOptions, auditListInput, listAuditLog } from "./list";

describe("the audit log by store", () => {
  let database: TestDatabase;
  let cafeId: string;
  let cafeteriaId: string;
  let managerId: string;
  let hrId: string;
  const list = (input: Record<string, unknown>) => listAuditLog({ tx: database.db, input: auditListInput.parse({ pageSize: 100, ...input }) });

  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.db);
    const stores = await database.sql<{ id: string; code: string }[]>`select id, code from stores`;
    cafeId = stores.find((s) => s.code === "hq-cafe")?.id ?? "";
    cafeteriaId = stores.find((s) => s.code === "cafeteria")?.id ?? "";
    const [manager] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, "manager@canteen.dev"));
    const [hr] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@canteen.dev"));
    managerId = manager?.id ?? "";
    hrId = hr?.id ?? "";
  });
  afterAll(() => database.close());

  it("records the store of store-scoped changes and filters by it, leaving company-wide entries out", async () => {
    await database.db.transaction((tx) => createCategory({ tx, input: { storeId: cafeId, actorId: managerId, nameKo: "카페 분류", nameEn: "Cafe category" } }));
    await database.db.transaction((tx) => createCategory({ tx, input: { storeId: cafeteriaId, actorId: managerId, nameKo: "식당 분류", nameEn: "Cafeteria category" } }));
    await database.db.transaction((tx) =>
      updateStoreSettings({ tx, input: { storeId: cafeteriaId, actorId: managerId, timeZone: "Asia/Seoul", receiptHeader: "식당", openingHours: [null, null, null, null, null, null, null] } }),
    );
    const [latte] = await database.db.select({ id: menuItems.id }).from(menuItems).where(eq(menuItems.code, "cafe-latte"));
    await database.db.transaction((tx) => setSoldOut({ tx, input: { storeId: cafeId, itemId: latte?.id ?? "", soldOut: true, actorId: managerId } }));
    await database.db.transaction((tx) => addHoliday({ tx, input: { day: "2026-12-31", nameKo: "임시 휴일", nameEn: "Extra holiday", actorId: hrId } }));

    const cafe = await list({ storeId: cafeId });
    expect(cafe.rows.map((row) => row.action).sort()).toEqual(["menu.category.create", "menu.item.sold_out"]);
    expect(cafe.rows.every((row) => row.storeId === cafeId && row.storeNameKo === "본사 카페")).toBe(true);
    const cafeteria = await list({ storeId: cafeteriaId });
    expect(cafeteria.total).toBe(2);
    expect(cafeteria.rows.map((row) => row.action).sort()).toEqual(["menu.category.create", "store.settings.update"]);
    // With the other filters, too.
    expect((await list({ storeId: cafeteriaId, action: "menu." })).total).toBe(1);

    const all = await list({});
    expect(all.total).toBe(5);
    expect(all.rows.find((row) => row.action === "holiday.add")).toMatchObject({ storeId: null, storeNameKo: null });

    const options = await auditFilterOptions({ tx: database.db });
    expect(options.stores.map((store) => store.id)).toEqual(expect.arrayContaining([cafeId, cafeteriaId]));
    expect(auditListInput.safeParse({ storeId: "not-a-store" }).success).toBe(false);
  });

  it("backfills the store of entries recorded before the column, from the entity they name", async () => {
    const [item] = await database.db.select({ id: menuItems.id, storeId: menuItems.storeId }).from(menuItems).limit(1);
    if (!item) throw new Error("no items");
    const old = [
      { action: "menu.item.update", entityType: "menu_item", entityId: item.id },
      { action: "store.settings.update", entityType: "store", entityId: cafeteriaId },
      { action: "day.close", entityType: "store_day", entityId: `${cafeteriaId}:2026-11-24` },
      { action: "card.void_failed", entityType: "card_charge", entityId: "ref-1", after: { storeId: cafeId } },
      { action: "holiday.add", entityType: "public_holiday", entityId: "2026-12-25" },
    ];
    // As recorded before the column existed: no store.
    for (const entry of old) await recordAudit(database.db, { actorId: managerId, requestId: "before-0017", ...entry });

    const migration = readFileSync(path.join(migrationsFolder, "0017_menu_delete_audit_store.sql"), "utf8");
    const backfill = migration
      .split("--> statement-breakpoint")
      .map((statement) => statement.replace(/^\s*--.*$/gm, "").trim())
      .filter((statement) => statement.startsWith("UPDATE") || /^ALTER TABLE "audit_log" (DISABLE|ENABLE) TRIGGER/.test(statement));
    expect(backfill.filter((statement) => statement.startsWith("UPDATE")).length).toBeGreaterThan(5);
    await database.sql.begin(async (tx) => {
      for (const statement of backfill) await tx.unsafe(statement);
    });

    const rows = await database.db.select({ action: auditLog.action, storeId: auditLog.storeId }).from(auditLog).where(eq(auditLog.requestId, "before-0017"));
    const storeOf = (action: string) => rows.find((row) => row.action === action)?.storeId;
    expect(storeOf("menu.item.update")).toBe(item.storeId);
    expect(storeOf("store.settings.update")).toBe(cafeteriaId);
    expect(storeOf("day.close")).toBe(cafeteriaId);
    expect(storeOf("card.void_failed")).toBe(cafeId);
    expect(storeOf("holiday.add")).toBeNull();
    // The append-only guard is back on.
    await expect(database.sql`update audit_log set store_id = null where request_id = 'before-0017'`).rejects.toThrow(/append-only/);
  });
});
