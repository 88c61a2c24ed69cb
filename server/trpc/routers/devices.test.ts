import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { seed } from "@/db/seed";
import { DEMO_MANAGER_PIN } from "@/db/seed-data";
import { loadActiveUser } from "@/server/auth/users";
import type { SessionUser } from "@/server/auth/roles";
import { pairDevice } from "@/server/domain/devices/pair";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { trpcFailure as failure } from "@/test/helpers";
import { createInnerContext } from "../init";
import { createCaller } from "../root";

describe("kiosk devices over tRPC", () => {
  let database: TestDatabase;
  let manager: SessionUser;
  let cafeteriaKiosk: SessionUser;
  const api = (session: SessionUser) => createCaller(createInnerContext({ db: database.db, session }));
  const sessionOf = async (email: string) => {
    const [row] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const user = row ? await loadActiveUser(database.db, { id: row.id }) : null;
    if (!user) throw new Error(`no ${email}`);
    return user;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.db);
    manager = await sessionOf("manager@canteen.dev");
    cafeteriaKiosk = await sessionOf("kiosk.cafeteria@canteen.dev");
  });
  afterAll(() => database.close());

  it("a manager issues a code, the paired tablet is listed and unlocks with the manager PIN, then is unpaired", async () => {
    const { code } = await api(manager).devices.issueCode();
    const paired = await pairDevice({ db: database.db, input: { code, clientKey: "test", now: new Date() } });
    expect(await api(manager).devices.list()).toEqual([expect.objectContaining({ id: paired.id, name: paired.name })]);

    const tablet = await sessionOf(paired.email);
    expect(tablet).toMatchObject({ role: "barista", storeId: manager.storeId });
    expect((await failure(api(tablet).devices.unlock({ pin: "9999" }))).code).toBe("FORBIDDEN");
    await expect(api(tablet).devices.unlock({ pin: DEMO_MANAGER_PIN })).resolves.toEqual({ unlocked: true });
    // The cafe manager's PIN does not unlock the cafeteria's kiosk (whose store has no manager PIN set).
    expect((await failure(api(cafeteriaKiosk).devices.unlock({ pin: DEMO_MANAGER_PIN }))).code).toBe("PRECONDITION_FAILED");

    await api(manager).devices.unpair({ deviceId: paired.id });
    expect(await api(manager).devices.list()).toEqual([]);
    await expect(loadActiveUser(database.db, { id: paired.id })).resolves.toBeNull();
    expect((await failure(api(manager).devices.unpair({ deviceId: paired.id }))).code).toBe("NOT_FOUND");
  });

  it("a kiosk cannot issue codes or unpair", async () => {
    expect((await failure(api(cafeteriaKiosk).devices.issueCode())).code).toBe("FORBIDDEN");
    expect((await failure(api(cafeteriaKiosk).devices.list())).code).toBe("FORBIDDEN");
  });
});
