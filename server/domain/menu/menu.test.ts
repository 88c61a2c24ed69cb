import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "@/db/seed";
import { DomainError } from "@/server/domain/errors";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { loadStoreMenu } from "./store-menu";
import { setSoldOut } from "./set-sold-out";

describe("store menu", () => {
  let database: TestDatabase;
  let cafeId: string;
  let cafeteriaId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.db);
    const stores = await database.sql<{ id: string; code: string }[]>`select id, code from stores`;
    cafeId = stores.find((s) => s.code === "hq-cafe")?.id ?? "";
    cafeteriaId = stores.find((s) => s.code === "cafeteria")?.id ?? "";
  });
  afterAll(() => database.close());

  it("lists categories in order with items, prices and their option groups", async () => {
    const menu = await loadStoreMenu({ tx: database.db, input: { storeId: cafeId } });
    expect(menu.categories.map((c) => c.code)).toEqual(["coffee", "non-coffee", "ade", "bakery"]);
    const americano = menu.categories[0]?.items.find((i) => i.code === "americano");
    expect(americano?.price).toBe(2500n);
    expect(americano?.optionGroups.map((g) => g.code)).toEqual(["temperature", "size", "shot", "syrup"]);
    expect(americano?.optionGroups[1]?.choices.find((c) => c.isDefault)?.code).toBe("regular");
  });

  it("switches an item sold out, but never another store's item", async () => {
    const menu = await loadStoreMenu({ tx: database.db, input: { storeId: cafeId } });
    const latte = menu.categories[0]?.items.find((i) => i.code === "cafe-latte");
    if (!latte) throw new Error("latte missing");
    await setSoldOut({ tx: database.db, input: { storeId: cafeId, itemId: latte.id, soldOut: true } });
    const after = await loadStoreMenu({ tx: database.db, input: { storeId: cafeId } });
    expect(after.categories[0]?.items.find((i) => i.id === latte.id)?.isSoldOut).toBe(true);

    await expect(
      setSoldOut({ tx: database.db, input: { storeId: cafeteriaId, itemId: latte.id, soldOut: false } }),
    ).rejects.toBeInstanceOf(DomainError);
    const unchanged = await loadStoreMenu({ tx: database.db, input: { storeId: cafeId } });
    expect(unchanged.categories[0]?.items.find((i) => i.id === latte.id)?.isSoldOut).toBe(true);
  });
});
