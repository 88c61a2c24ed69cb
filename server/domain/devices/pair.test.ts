import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, stores, users } from "@/db/schema";
import { seed } from "@/db/seed";
import { loadActiveUser } from "@/server/auth/users";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { DomainError } from "../errors";
import { issuePairingCode } from "./codes";
import { listDevices } from "./list";
import { PAIR_IP_LIMIT, pairDevice } from "./pair";
import { unpairDevice } from "./unpair";

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected the code to be refused");
}

describe("kiosk device pairing", () => {
  let database: TestDatabase;
  let cafeId: string;
  let cafeteriaId: string;
  let managerId: string;
  // Each case in a rate-limit window of its own, so one case's wrong guesses never limit another.
  let hour = 0;
  const freshWindow = () => new Date(Date.UTC(2026, 0, 5, hour++, 30));
  let client = 0;
  const clientKey = () => `10.0.0.${client++}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.db);
    const storeRows = await database.db.select().from(stores);
    const cafe = storeRows.find((s) => s.code === "hq-cafe");
    const cafeteria = storeRows.find((s) => s.code === "cafeteria");
    const [manager] = await database.db.select().from(users).where(eq(users.email, "manager@canteen.dev"));
    if (!cafe || !cafeteria || !manager) throw new Error("seed incomplete");
    cafeId = cafe.id;
    cafeteriaId = cafeteria.id;
    managerId = manager.id;
  });
  afterAll(() => database.close());

  const issue = (now: Date, storeId = cafeId) => issuePairingCode({ tx: database.db, input: { storeId, managerId, now } });
  const pair = (code: string, now: Date, key = clientKey()) => pairDevice({ db: database.db, input: { code, clientKey: key, now } });

  it("pairs a tablet as a barista of the code's store, listed for that store only", async () => {
    const now = freshWindow();
    const { code, expiresAt } = await issue(now);
    expect(code).toMatch(/^[0-9]{6}$/);
    expect(expiresAt.getTime() - now.getTime()).toBe(10 * 60_000);
    const device = await pair(code, new Date(now.getTime() + 60_000));
    expect(device.storeId).toBe(cafeId);
    expect(device.name).toMatch(/키오스크 \d+$/);
    await expect(loadActiveUser(database.db, { id: device.id })).resolves.toMatchObject({ role: "barista", storeId: cafeId });
    const [row] = await database.db.select().from(users).where(eq(users.id, device.id));
    expect(row?.passwordHash).toBeNull();
    expect((await listDevices({ tx: database.db, input: { storeId: cafeId } })).map((d) => d.id)).toContain(device.id);
    expect((await listDevices({ tx: database.db, input: { storeId: cafeteriaId } })).map((d) => d.id)).not.toContain(device.id);
    // The code itself is never stored.
    const codes = await database.sql`select code_hash from kiosk_pairing_codes`;
    expect(codes.every((c) => c.code_hash !== code)).toBe(true);
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.entityId, device.id));
    expect(audits.map((a) => a.action)).toContain("device.paired");
  });

  it("refuses a used code and an expired one", async () => {
    const now = freshWindow();
    const { code } = await issue(now);
    await pair(code, now);
    expect(await refusal(pair(code, now))).toMatchObject({ code: "BAD_REQUEST", messageKey: "pairingCodeInvalid" });
    const late = await issue(now);
    expect(await refusal(pair(late.code, new Date(now.getTime() + 10 * 60_000 + 1)))).toMatchObject({ messageKey: "pairingCodeInvalid" });
  });

  it("pairs a code for the store it was issued for, whoever types it", async () => {
    const now = freshWindow();
    const { code } = await issue(now, cafeteriaId);
    const device = await pair(code, now);
    expect(device.storeId).toBe(cafeteriaId);
  });

  it(`stops an address after ${PAIR_IP_LIMIT} wrong codes, even for a right one`, async () => {
    const now = freshWindow();
    const key = clientKey();
    const { code } = await issue(now);
    const wrong = code === "000000" ? "000001" : "000000";
    for (let attempt = 0; attempt < PAIR_IP_LIMIT; attempt++) {
      expect(await refusal(pair(wrong, now, key))).toMatchObject({ messageKey: "pairingCodeInvalid" });
    }
    expect(await refusal(pair(code, now, key))).toMatchObject({ code: "TOO_MANY_REQUESTS", messageKey: "pairingTooManyAttempts" });
    // Another tablet can still pair with it.
    await expect(pair(code, now)).resolves.toMatchObject({ storeId: cafeId });
  });

  it("unpairing signs the tablet out; another store's manager cannot unpair it", async () => {
    const now = freshWindow();
    const device = await pair((await issue(now)).code, now);
    expect(
      await refusal(unpairDevice({ tx: database.db, input: { storeId: cafeteriaId, managerId, deviceId: device.id, now } })),
    ).toMatchObject({ code: "NOT_FOUND", messageKey: "deviceNotFound" });
    await unpairDevice({ tx: database.db, input: { storeId: cafeId, managerId, deviceId: device.id, now } });
    await expect(loadActiveUser(database.db, { id: device.id })).resolves.toBeNull();
    expect((await listDevices({ tx: database.db, input: { storeId: cafeId } })).map((d) => d.id)).not.toContain(device.id);
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.entityId, device.id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(["device.paired", "device.unpaired"]));
    // A barista account made by hand is not a paired device and cannot be unpaired here.
    const [kiosk] = await database.db.select().from(users).where(eq(users.email, "kiosk.cafe@canteen.dev"));
    if (!kiosk) throw new Error("no kiosk");
    expect(await refusal(unpairDevice({ tx: database.db, input: { storeId: cafeId, managerId, deviceId: kiosk.id, now } }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
