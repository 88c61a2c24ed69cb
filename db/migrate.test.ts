import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrations } from "./migrate";
import { createTestDatabase, type TestDatabase } from "@/test/database";

describe("migrations", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ from: "empty" });
  });
  afterAll(() => database.close());

  it("apply to an empty database, and a second run changes nothing", async () => {
    await runMigrations(database.url);
    const tables = await database.sql<{ table_name: string }[]>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`;
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(["departments", "menu_categories", "menu_items", "option_choices", "stores", "users"]),
    );
    const [before] = await database.sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
    await runMigrations(database.url);
    const [after] = await database.sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
    expect(after?.n).toBe(before?.n);
  });

  it("run safely from several processes at once", async () => {
    const fresh = await createTestDatabase({ from: "empty" });
    try {
      await Promise.all([runMigrations(fresh.url), runMigrations(fresh.url), runMigrations(fresh.url)]);
      const [row] = await fresh.sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
      expect(row?.n).toBeGreaterThan(0);
    } finally {
      await fresh.close();
    }
  });
});
