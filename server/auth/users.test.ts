import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "@/db/seed";
import { DEMO_PASSWORD } from "@/db/seed-data";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { checkCredentials, loadActiveUser } from "./users";
import { hashPassword, verifyPassword } from "./password";
import { homeFor, safeNextPath } from "./roles";

describe("credentials", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.db);
  });
  afterAll(() => database.close());

  it("stores argon2id hashes and verifies them", async () => {
    const hash = await hashPassword("correct horse");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(hash, "correct horse")).toBe(true);
    expect(await verifyPassword(hash, "wrong")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });

  it("accepts the right password, case-insensitive email, and refuses a wrong one or unknown user", async () => {
    const ok = await checkCredentials(database.db, "  Employee01@Canteen.dev ", DEMO_PASSWORD);
    expect(ok).toMatchObject({ ok: true, user: { role: "employee", email: "employee01@canteen.dev" } });
    expect(await checkCredentials(database.db, "employee01@canteen.dev", "nope")).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(database.db, "nobody@canteen.dev", DEMO_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a suspended employee and drops their session on the next lookup", async () => {
    const before = await loadActiveUser(database.db, { email: "employee02@canteen.dev" });
    expect(before?.role).toBe("employee");
    await database.sql`update users set status = 'suspended' where email = 'employee02@canteen.dev'`;
    expect(await checkCredentials(database.db, "employee02@canteen.dev", DEMO_PASSWORD)).toEqual({ ok: false, reason: "suspended" });
    expect(await loadActiveUser(database.db, { id: before?.id ?? "" })).toBeNull();
  });

  it("a kiosk and a store manager carry their store", async () => {
    const kiosk = await loadActiveUser(database.db, { email: "kiosk.cafe@canteen.dev" });
    expect(kiosk?.storeId).toMatch(/[0-9a-f-]{36}/);
    expect(homeFor("barista")).toBe("/kiosk");
    expect(homeFor("hr_admin")).toBe("/admin");
  });

  it("only follows same-site paths after sign-in", () => {
    expect(safeNextPath("/pay")).toBe("/pay");
    expect(safeNextPath("//evil.example")).toBeNull();
    expect(safeNextPath("https://evil.example")).toBeNull();
    expect(safeNextPath("/\\evil.example")).toBeNull();
  });
});

describe("sign-in rate limit", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.db);
  });
  afterAll(() => database.close());

  it("locks an account after 10 wrong passwords for the window, even for the right one, then lets it in", async () => {
    const now = new Date("2026-11-25T10:00:00Z");
    for (let attempt = 0; attempt < 10; attempt++) {
      expect(await checkCredentials(database.db, "employee07@canteen.dev", "guess", now)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await checkCredentials(database.db, "employee07@canteen.dev", DEMO_PASSWORD, now)).toEqual({ ok: false, reason: "rateLimited" });
    // Another account is not affected.
    expect((await checkCredentials(database.db, "employee08@canteen.dev", DEMO_PASSWORD, now)).ok).toBe(true);
    const later = new Date(now.getTime() + 16 * 60_000);
    expect((await checkCredentials(database.db, "employee07@canteen.dev", DEMO_PASSWORD, later)).ok).toBe(true);
  });
});
