import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed, isEmpty } from "./seed";
import { DEMO_MANAGER_PIN, DEMO_PASSWORD } from "./seed-data";
import { checkCredentials } from "@/server/auth/users";
import { checkManagerPin, setManagerPin } from "@/server/domain/people/manager-pin";
import { createTestDatabase, type TestDatabase } from "@/test/database";

async function counts(database: TestDatabase) {
  const [row] = await database.sql`
    select
      (select count(*)::int from stores) as stores,
      (select count(*)::int from departments) as departments,
      (select count(*)::int from menu_items) as items,
      (select count(*)::int from menu_categories) as categories,
      (select count(*)::int from option_groups) as groups,
      (select count(*)::int from option_choices) as choices,
      (select count(*)::int from menu_item_option_groups) as links,
      (select count(*)::int from users where role = 'employee') as employees,
      (select count(*)::int from users where role = 'barista') as baristas,
      (select count(*)::int from users where role = 'store_manager') as managers,
      (select count(*)::int from users where role = 'hr_admin') as hr`;
  return row;
}

describe("demo data", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it("creates the demo company, and running it again creates nothing twice", async () => {
    expect(await isEmpty(database.db)).toBe(true);
    await seed(database.db);
    const first = await counts(database);
    expect(first).toMatchObject({ stores: 2, departments: 5, employees: 50, baristas: 2, managers: 1, hr: 1 });
    expect(first?.items).toBeGreaterThanOrEqual(20);

    await seed(database.db);
    expect(await counts(database)).toEqual(first);
    expect(await isEmpty(database.db)).toBe(false);
  });

  it("has the stores, departments and option groups the product expects", async () => {
    const stores = await database.sql`select name_ko from stores order by name_ko`;
    expect(stores.map((s) => s.name_ko)).toEqual(["본사 카페", "식당"]);
    const perDepartment = await database.sql`
      select count(*)::int as n from users where role = 'employee' group by department_id`;
    expect(perDepartment.map((d) => d.n)).toEqual([10, 10, 10, 10, 10]);
    const groups = await database.sql`
      select g.code, count(c.*)::int as choices, sum(c.price_delta)::int as deltas
      from option_groups g join option_choices c on c.group_id = g.id
      join stores s on s.id = g.store_id where s.code = 'hq-cafe' group by g.code order by g.code`;
    expect(groups.map((g) => g.code)).toEqual(["shot", "size", "syrup", "temperature"]);
    expect(groups.find((g) => g.code === "size")?.deltas).toBeGreaterThan(0);
  });

  it("leaves a manager's menu edits alone when run again", async () => {
    await database.sql`update menu_items set price = 2700 where code = 'americano'`;
    await seed(database.db);
    const [item] = await database.sql`select price::int from menu_items where code = 'americano'`;
    expect(item?.price).toBe(2700);
  });

  it("lets every demo account sign in with the printed password", async () => {
    for (const email of ["hr@canteen.dev", "manager@canteen.dev", "kiosk.cafe@canteen.dev", "employee50@canteen.dev"]) {
      const result = await checkCredentials(database.db, email, DEMO_PASSWORD);
      expect(result.ok, email).toBe(true);
    }
  });

  it("gives the demo manager the printed kiosk PIN, and never overwrites one a manager chose", async () => {
    const [store] = await database.sql`select id from stores where code = 'hq-cafe'`;
    const [kiosk] = await database.sql`select id from users where email = 'kiosk.cafe@canteen.dev'`;
    const [manager] = await database.sql`select id, pin_hash from users where email = 'manager@canteen.dev'`;
    expect(String(manager?.pin_hash)).toMatch(/^\$argon2id\$/);
    const check = (pin: string) =>
      checkManagerPin(database.db, { storeId: String(store?.id), pin, clientKey: String(kiosk?.id), now: new Date() });
    await expect(check(DEMO_MANAGER_PIN)).resolves.toMatchObject({ id: manager?.id });

    await setManagerPin({ tx: database.db, input: { userId: String(manager?.id), pin: "908172" } });
    await seed(database.db);
    await expect(check("908172")).resolves.toMatchObject({ id: manager?.id });

    // A database seeded before PINs existed: the demo manager gets one on the next seed.
    await database.sql`update users set pin_hash = null where email = 'manager@canteen.dev'`;
    await seed(database.db);
    await expect(check(DEMO_MANAGER_PIN)).resolves.toMatchObject({ id: manager?.id });
  });
});
