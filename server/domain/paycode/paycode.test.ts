import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimits } from "@/db/schema";
import { seed } from "@/db/seed";
import { generatePayCode, payCodeStep } from "@/lib/paycode";
import { DomainError } from "@/server/domain/errors";
import { hitRateLimit, isRateLimited, pruneRateLimits } from "@/server/domain/rate-limit";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { listPayDevices, registerPayDevice, revokePayDevice } from "./register-device";
import { countingPayCodeFailures, verifyPayCode } from "./verify";

type Device = Awaited<ReturnType<typeof registerPayDevice>>;

// Each test works in minutes of its own, so one test's failed attempts never land in another's rate-limit window.
const at = (minute: number, second = 5) => new Date(Date.UTC(2025, 5, 2, 3, minute, second));
const plusSeconds = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

/** The messageKey a domain call failed with; any other outcome fails the test. */
async function failureKey(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error.messageKey;
    throw error;
  }
  throw new Error("expected a DomainError, but the call succeeded");
}

/** Changes one digit of the one-time part, keeping the device number. */
function tamper(code: string, index = 17) {
  const digit = Number(code[index]);
  return code.slice(0, index) + String((digit + 1) % 10) + code.slice(index + 1);
}

describe("pay codes", () => {
  let database: TestDatabase;
  let kioskId: string;
  const userIds = new Map<string, string>();

  const userId = (email: string) => {
    const id = userIds.get(email);
    if (!id) throw new Error(`no seeded user ${email}`);
    return id;
  };
  const employee = (n: number) => `employee${String(n).padStart(2, "0")}@canteen.dev`;
  const register = (email: string) => registerPayDevice({ tx: database.db, input: { userId: userId(email), label: "My phone" } });
  const codeFor = (device: Device, now: Date) => generatePayCode({ secret: device.secret, deviceNo: device.deviceNo, now });
  const verify = (code: string, now: Date, clientKey = kioskId) =>
    countingPayCodeFailures(database.db, () => database.db.transaction((tx) => verifyPayCode({ tx, input: { code, now, clientKey } })));
  const usesOf = async (device: Device) =>
    (await database.sql<{ step: string }[]>`select step::text from pay_code_uses where device_id = ${device.deviceId}`).map((r) => Number(r.step));
  const hitsOf = async (bucket: string) =>
    (await database.sql<{ hits: number }[]>`select hits from rate_limits where bucket = ${bucket}`).reduce((sum, r) => sum + r.hits, 0);

  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.db);
    const rows = await database.sql<{ id: string; email: string }[]>`select id, email from users`;
    for (const row of rows) userIds.set(row.email, row.id);
    kioskId = userId("kiosk.cafe@canteen.dev");
  });
  afterAll(() => database.close());

  it("accepts a fresh code for its employee, exactly once", async () => {
    const device = await register(employee(1));
    expect(device.deviceNo).toBeGreaterThanOrEqual(100_000_001);
    const now = at(0);
    const code = await codeFor(device, now);

    const verified = await verify(code, now);
    expect(verified).toEqual({ employeeId: userId(employee(1)), deviceId: device.deviceId, step: payCodeStep(now) });
    expect(await usesOf(device)).toEqual([payCodeStep(now)]);

    expect(await failureKey(verify(code, now))).toBe("payCodeUsed");
    expect(await failureKey(verify(code, plusSeconds(now, 20)))).toBe("payCodeUsed");
    // The next code of the same phone is a new one.
    expect((await verify(await codeFor(device, plusSeconds(now, 30)), plusSeconds(now, 30))).step).toBe(payCodeStep(now) + 1);
  });

  it("allows one step of clock skew either way, and calls older codes expired", async () => {
    const device = await register(employee(2));
    const now = at(2);
    expect((await verify(await codeFor(device, plusSeconds(now, -30)), now)).step).toBe(payCodeStep(now) - 1);
    expect((await verify(await codeFor(device, plusSeconds(now, 30)), now)).step).toBe(payCodeStep(now) + 1);
    expect(await failureKey(verify(await codeFor(device, plusSeconds(now, -60)), now))).toBe("payCodeExpired");
    expect(await failureKey(verify(await codeFor(device, plusSeconds(now, -90)), now))).toBe("payCodeExpired");
    // Too far ahead, or older than the look-back, it is indistinguishable from a forgery.
    expect(await failureKey(verify(await codeFor(device, plusSeconds(now, 60)), now))).toBe("payCodeInvalid");
    expect(await failureKey(verify(await codeFor(device, plusSeconds(now, -20 * 60)), now))).toBe("payCodeInvalid");
  });

  it("refuses a changed digit, an unknown device and a malformed code, without using up the real code", async () => {
    const device = await register(employee(3));
    const now = at(4);
    const code = await codeFor(device, now);

    expect(await failureKey(verify(tamper(code), now))).toBe("payCodeInvalid");
    expect(await failureKey(verify(tamper(code, 9), now))).toBe("payCodeInvalid");
    expect(await failureKey(verify(`999999999${code.slice(9)}`, now))).toBe("payCodeInvalid");
    expect(await failureKey(verify(code.slice(0, 17), now))).toBe("payCodeMalformed");
    expect(await failureKey(verify(`${code.slice(0, 17)}x`, now))).toBe("payCodeMalformed");
    expect(await failureKey(verify("", now))).toBe("payCodeMalformed");

    expect(await usesOf(device)).toEqual([]);
    expect((await verify(`${code.slice(0, 9)} ${code.slice(9)}`, now)).deviceId).toBe(device.deviceId);
  });

  it("refuses codes of a revoked phone, which only its owner can revoke", async () => {
    const device = await register(employee(4));
    const other = await register(employee(4));
    const now = at(6);

    const stranger = await failureKey(
      revokePayDevice({ tx: database.db, input: { deviceId: device.deviceId, userId: userId(employee(5)) } }),
    );
    expect(stranger).toBe("payDeviceNotFound");
    expect((await verify(await codeFor(device, now), now)).deviceId).toBe(device.deviceId);

    const revoked = await revokePayDevice({ tx: database.db, input: { deviceId: device.deviceId, userId: userId(employee(4)) } });
    expect(revoked.status).toBe("revoked");
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const again = await revokePayDevice({ tx: database.db, input: { deviceId: device.deviceId } });
    expect(again.revokedAt).toEqual(revoked.revokedAt);

    const later = plusSeconds(now, 30);
    expect(await failureKey(verify(await codeFor(device, later), later))).toBe("payCodeDeviceRevoked");
    expect((await verify(await codeFor(other, later), later)).deviceId).toBe(other.deviceId);

    const listed = await listPayDevices({ tx: database.db, input: { userId: userId(employee(4)) } });
    expect(listed.map((d) => [d.deviceId, d.status]).sort()).toEqual(
      [
        [device.deviceId, "revoked"],
        [other.deviceId, "active"],
      ].sort(),
    );
    expect(listed.some((d) => "secret" in d)).toBe(false);
  });

  it("refuses codes of a suspended or departed employee, and lets only active employees register", async () => {
    const suspended = await register(employee(6));
    const departed = await register(employee(7));
    await database.sql`update users set status = 'suspended' where email = ${employee(6)}`;
    await database.sql`update users set status = 'left' where email = ${employee(7)}`;
    const now = at(8);

    expect(await failureKey(verify(await codeFor(suspended, now), now))).toBe("payCodeEmployeeSuspended");
    expect(await failureKey(verify(await codeFor(departed, now), now))).toBe("payCodeEmployeeSuspended");
    expect(await failureKey(register(employee(6)))).toBe("payDeviceNotEligible");
    expect(await failureKey(register("kiosk.cafe@canteen.dev"))).toBe("payDeviceNotEligible");

    await database.sql`update users set status = 'active' where email = ${employee(6)}`;
    expect((await verify(await codeFor(suspended, now), now)).employeeId).toBe(userId(employee(6)));
  });

  it("leaves the code usable when the payment it was checked in rolls back", async () => {
    const device = await register(employee(8));
    const now = at(10);
    const code = await codeFor(device, now);

    const declined = database.db.transaction(async (tx) => {
      await verifyPayCode({ tx, input: { code, now, clientKey: kioskId } });
      throw new Error("card declined");
    });
    await expect(declined).rejects.toThrow("card declined");
    expect(await usesOf(device)).toEqual([]);

    expect((await verify(code, now)).deviceId).toBe(device.deviceId);
    expect(await usesOf(device)).toEqual([payCodeStep(now)]);
  });

  it("lets only one of two kiosks scanning the same code at once take it", async () => {
    const device = await register(employee(9));
    const now = at(12);
    const code = await codeFor(device, now);

    // The second kiosk starts only once the first has taken the code and still holds its transaction open.
    let firstVerified: () => void = () => {};
    const firstHasCode = new Promise<void>((resolve) => {
      firstVerified = resolve;
    });
    const started = Date.now();
    const [first, second] = await Promise.allSettled([
      database.db.transaction(async (tx) => {
        const verified = await verifyPayCode({ tx, input: { code, now, clientKey: kioskId } });
        firstVerified();
        await tx.execute(sql`select pg_sleep(0.3)`);
        return verified;
      }),
      database.db.transaction(async (tx) => {
        await firstHasCode;
        return verifyPayCode({ tx, input: { code, now, clientKey: userId("kiosk.cafeteria@canteen.dev") } });
      }),
    ]);

    expect(first).toMatchObject({ status: "fulfilled", value: { deviceId: device.deviceId } });
    expect(second).toMatchObject({ status: "rejected", reason: { code: "CONFLICT", messageKey: "payCodeUsed" } });
    expect(second.status === "rejected" && second.reason instanceof DomainError).toBe(true);
    // The loser waited for the winner's commit instead of reading around it.
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(await usesOf(device)).toEqual([payCodeStep(now)]);
  });

  it("locks a device number after 10 bad guesses in a minute, even for the right code, until the next minute", async () => {
    const device = await register(employee(10));
    const bystander = await register(employee(11));
    const now = at(14);
    const code = await codeFor(device, now);

    for (let guess = 0; guess < 10; guess++) {
      const wrong = `${code.slice(0, 9)}${String(guess * 111_111).padStart(9, "0")}`;
      if (wrong === code) continue;
      expect(await failureKey(verify(wrong, plusSeconds(now, guess)))).toBe("payCodeInvalid");
    }
    expect(await hitsOf(`paycode:device:${device.deviceNo}`)).toBe(10);

    const locked = verify(code, plusSeconds(now, 10));
    await expect(locked).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", messageKey: "payCodeTooManyAttempts" });
    // Being refused by the limit neither counts as another guess nor uses up the code.
    expect(await hitsOf(`paycode:device:${device.deviceNo}`)).toBe(10);
    expect(await usesOf(device)).toEqual([]);
    // The kiosk itself is not locked: its 10 failures are under its own limit.
    expect((await verify(await codeFor(bystander, now), now)).deviceId).toBe(bystander.deviceId);

    const nextMinute = plusSeconds(now, 61);
    expect((await verify(await codeFor(device, nextMinute), nextMinute)).deviceId).toBe(device.deviceId);
  });

  it("locks a kiosk after 30 failed codes in a minute, but not the other kiosks", async () => {
    const device = await register(employee(12));
    const now = at(16);
    const code = await codeFor(device, now);
    const noisyKiosk = `kiosk-${randomBytes(4).toString("hex")}`;

    for (let attempt = 0; attempt < 30; attempt++) {
      expect(await failureKey(verify("12345", now, noisyKiosk))).toBe("payCodeMalformed");
    }
    expect(await failureKey(verify(code, now, noisyKiosk))).toBe("payCodeTooManyAttempts");
    expect((await verify(code, now, kioskId)).deviceId).toBe(device.deviceId);
  });

  it("counts a failed check even when the payment around it rolls back", async () => {
    const device = await register(employee(13));
    const now = at(18);
    const code = await codeFor(device, now);
    const clientKey = `kiosk-${randomBytes(4).toString("hex")}`;

    const attempt = countingPayCodeFailures(database.db, () =>
      database.db.transaction((tx) => verifyPayCode({ tx, input: { code: tamper(code), now, clientKey } })),
    );
    expect(await failureKey(attempt)).toBe("payCodeInvalid");
    expect(await hitsOf(`paycode:device:${device.deviceNo}`)).toBe(1);
    expect(await hitsOf(`paycode:client:${clientKey}`)).toBe(1);

    expect(await failureKey(verify(await codeFor(device, plusSeconds(now, -90)), now, clientKey))).toBe("payCodeExpired");
    expect(await hitsOf(`paycode:device:${device.deviceNo}`)).toBe(2);

    await verify(code, now, clientKey);
    expect(await failureKey(verify(code, now, clientKey))).toBe("payCodeUsed");
    expect(await hitsOf(`paycode:device:${device.deviceNo}`)).toBe(3);
    expect(await hitsOf(`paycode:client:${clientKey}`)).toBe(3);
  });
});

describe("rate limits", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  const now = new Date(Date.UTC(2025, 5, 2, 4, 0, 15));
  const limit = (bucket: string, at = now) => ({ bucket, limit: 2, windowSeconds: 60, now: at });

  it("allows `limit` hits per fixed window and says when the window ends", async () => {
    expect(await hitRateLimit(database.db, limit("login:a"))).toEqual({ allowed: true, hits: 1, retryAfterSeconds: 0 });
    expect(await isRateLimited(database.db, limit("login:a"))).toBe(false);
    expect(await hitRateLimit(database.db, limit("login:a"))).toEqual({ allowed: true, hits: 2, retryAfterSeconds: 0 });
    expect(await isRateLimited(database.db, limit("login:a"))).toBe(true);
    expect(await isRateLimited(database.db, limit("login:a"))).toBe(true);
    expect(await hitRateLimit(database.db, limit("login:a"))).toEqual({ allowed: false, hits: 3, retryAfterSeconds: 45 });
    expect(await isRateLimited(database.db, limit("login:b"))).toBe(false);

    const nextWindow = plusSeconds(now, 45);
    expect(await isRateLimited(database.db, limit("login:a", nextWindow))).toBe(false);
    expect(await hitRateLimit(database.db, limit("login:a", nextWindow))).toEqual({ allowed: true, hits: 1, retryAfterSeconds: 0 });
  });

  it("counts every one of many simultaneous hits", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => hitRateLimit(database.db, limit("burst"))));
    expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(results.filter((r) => r.allowed)).toHaveLength(2);
  });

  it("prunes only windows that started before the cut-off", async () => {
    const later = plusSeconds(now, 600);
    await hitRateLimit(database.db, limit("prune", now));
    await hitRateLimit(database.db, limit("prune", later));
    const before = await database.sql<{ n: number }[]>`select count(*)::int as n from rate_limits`;
    const removed = await pruneRateLimits(database.db, plusSeconds(later, -60));
    const after = await database.db.select({ bucket: rateLimits.bucket, windowStart: rateLimits.windowStart }).from(rateLimits);
    expect(removed).toBe((before[0]?.n ?? 0) - after.length);
    expect(after).toEqual([{ bucket: "prune", windowStart: new Date(Date.UTC(2025, 5, 2, 4, 10, 0)) }]);
  });
});
