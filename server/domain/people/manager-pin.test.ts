import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { DEMO_MANAGER_PIN } from "@/db/seed-data";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { moneyWorld } from "@/test/money-fixtures";
import { DomainError } from "../errors";
import {
  checkManagerPin,
  MANAGER_PIN_KIOSK_LIMIT,
  MANAGER_PIN_STORE_LIMIT,
  setManagerPin,
  type VerifyManagerPinInput,
} from "./manager-pin";

type World = Awaited<ReturnType<typeof moneyWorld>>;

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected the PIN to be refused");
}

describe("manager PIN", () => {
  let database: TestDatabase;
  let world: World;
  let managerId: string;
  // Each case in a rate-limit window of its own, so one case's wrong guesses never limit another.
  let hour = 0;
  const freshWindow = () => new Date(Date.UTC(2026, 0, 5, hour++, 30));

  const check = (input: Partial<VerifyManagerPinInput> & { pin: string; now: Date }) =>
    checkManagerPin(database.db, { storeId: world.cafe.id, clientKey: world.kiosk.id, ...input });

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
    const [manager] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, "manager@canteen.dev"));
    if (!manager) throw new Error("no demo manager");
    managerId = manager.id;
  });
  afterAll(() => database.close());

  it("names the manager of the kiosk's store whose PIN it is", async () => {
    await expect(check({ pin: DEMO_MANAGER_PIN, now: freshWindow() })).resolves.toEqual({ id: managerId, name: "문매니저" });
  });

  it("refuses a wrong PIN and counts it against the kiosk", async () => {
    const now = freshWindow();
    const wrong = await refusal(check({ pin: "9999", now }));
    expect(wrong).toMatchObject({ code: "FORBIDDEN", messageKey: "managerPinWrong" });
    const hits = await database.sql`select bucket, hits from rate_limits where bucket like 'managerpin:%' order by bucket`;
    expect(hits.map((row) => ({ bucket: row.bucket, hits: row.hits }))).toEqual([
      { bucket: `managerpin:kiosk:${world.kiosk.id}`, hits: 1 },
      { bucket: `managerpin:store:${world.cafe.id}`, hits: 1 },
    ]);
    // Not digits, or too short: refused before any hash is compared.
    expect(await refusal(check({ pin: "12a4", now }))).toMatchObject({ code: "BAD_REQUEST", messageKey: "managerPinMalformed" });
    expect(await refusal(check({ pin: "123", now }))).toMatchObject({ messageKey: "managerPinMalformed" });
  });

  it(`locks the kiosk out after ${MANAGER_PIN_KIOSK_LIMIT} wrong PINs, even for the right one, until the window passes`, async () => {
    const now = freshWindow();
    for (let attempt = 0; attempt < MANAGER_PIN_KIOSK_LIMIT; attempt++) {
      expect(await refusal(check({ pin: "0000", now }))).toMatchObject({ messageKey: "managerPinWrong" });
    }
    const limited = await refusal(check({ pin: DEMO_MANAGER_PIN, now }));
    expect(limited).toMatchObject({ code: "TOO_MANY_REQUESTS", messageKey: "managerPinTooManyAttempts" });
    expect(limited.details?.minutes).toBeGreaterThanOrEqual(1);
    // Another kiosk of the store is not locked out by this one.
    await expect(check({ pin: DEMO_MANAGER_PIN, now, clientKey: "other-kiosk" })).resolves.toMatchObject({ id: managerId });
    // Five minutes on, the kiosk may try again.
    await expect(check({ pin: DEMO_MANAGER_PIN, now: new Date(now.getTime() + 5 * 60_000) })).resolves.toMatchObject({ id: managerId });
  });

  it("locks the whole store out after too many wrong PINs across its kiosks", async () => {
    const now = freshWindow();
    for (let attempt = 0; attempt < MANAGER_PIN_STORE_LIMIT; attempt++) {
      const clientKey = `kiosk-${Math.floor(attempt / MANAGER_PIN_KIOSK_LIMIT)}`;
      expect(await refusal(check({ pin: "0000", now, clientKey }))).toMatchObject({ messageKey: "managerPinWrong" });
    }
    expect(await refusal(check({ pin: DEMO_MANAGER_PIN, now, clientKey: "a-new-tablet" }))).toMatchObject({
      messageKey: "managerPinTooManyAttempts",
    });
  });

  it("refuses another store's manager, a suspended manager, and a store with no PIN at all", async () => {
    const [other] = await database.db
      .insert(users)
      .values({ email: "manager.cafeteria@canteen.dev", name: "식당매니저", role: "store_manager", storeId: world.cafeteria.id })
      .returning({ id: users.id });
    if (!other) throw new Error("insert failed");
    await setManagerPin({ tx: database.db, input: { userId: other.id, pin: "482913" } });

    // The cafeteria manager's PIN does not open the cafe's kiosk…
    expect(await refusal(check({ pin: "482913", now: freshWindow() }))).toMatchObject({ messageKey: "managerPinWrong" });
    // …but does open the cafeteria's.
    await expect(check({ pin: "482913", now: freshWindow(), storeId: world.cafeteria.id })).resolves.toMatchObject({ id: other.id });

    await database.db.update(users).set({ status: "suspended" }).where(eq(users.id, other.id));
    expect(await refusal(check({ pin: "482913", now: freshWindow(), storeId: world.cafeteria.id }))).toMatchObject({
      code: "PRECONDITION_FAILED",
      messageKey: "managerPinNotSet",
    });
  });

  it("keeps only an argon2id hash, and only on a store manager", async () => {
    const [row] = await database.sql`select pin_hash from users where id = ${managerId}`;
    expect(String(row?.pin_hash)).toMatch(/^\$argon2id\$/);
    expect(String(row?.pin_hash)).not.toContain(DEMO_MANAGER_PIN);
    await expect(setManagerPin({ tx: database.db, input: { userId: world.kiosk.id, pin: "1234" } })).rejects.toMatchObject({
      messageKey: "managerNotFound",
    });
    await expect(setManagerPin({ tx: database.db, input: { userId: managerId, pin: "12" } })).rejects.toMatchObject({
      messageKey: "managerPinMalformed",
    });
    await expect(database.sql`update users set pin_hash = 'x' where id = ${world.kiosk.id}`).rejects.toMatchObject({
      constraint_name: "users_pin_for_managers",
    });
  });
});
