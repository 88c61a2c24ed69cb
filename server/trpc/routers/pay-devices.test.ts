import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePayCode } from "@/lib/paycode";
import type { SessionUser } from "@/server/auth/roles";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { sessionOf, trpcFailure as failure } from "@/test/helpers";
import { moneyWorld } from "@/test/money-fixtures";
import { createInnerContext } from "../init";
import { createCaller } from "../root";

type World = Awaited<ReturnType<typeof moneyWorld>>;

describe("pay devices over tRPC", () => {
  let database: TestDatabase;
  let world: World;
  let employee: SessionUser;
  let colleague: SessionUser;
  let hr: SessionUser;
  let barista: SessionUser;
  const callerFor = (session: SessionUser) => createCaller(createInnerContext({ db: database.db, session }));

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
    employee = await sessionOf(database.db, "employee11@canteen.dev");
    colleague = await sessionOf(database.db, "employee12@canteen.dev");
    hr = await sessionOf(database.db, "hr@canteen.dev");
    barista = await sessionOf(database.db, "kiosk.cafe@canteen.dev");
  });
  afterAll(() => database.close());

  it("registers a phone once with its secret, then lists it without the secret", async () => {
    const phone = await callerFor(employee).payDevices.register({ label: "  iPhone · Safari  " });
    expect(phone.deviceNo).toBeGreaterThanOrEqual(100_000_001);
    expect(phone.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const list = await callerFor(employee).payDevices.list();
    expect(list).toEqual([
      expect.objectContaining({ deviceId: phone.deviceId, deviceNo: phone.deviceNo, label: "iPhone · Safari", status: "active", revokedAt: null }),
    ]);
    expect(JSON.stringify(list)).not.toContain(phone.secret);
    // A colleague sees only their own phones.
    expect(await callerFor(colleague).payDevices.list()).toEqual([]);
  });

  it("refuses a bad label or extra fields and registers nothing", async () => {
    const before = (await callerFor(employee).payDevices.list()).length;
    for (const input of [{ label: "" }, { label: "   " }, { label: "x".repeat(61) }, { label: "ok", secret: "mine" }, {}]) {
      const error = await failure(callerFor(employee).payDevices.register(input as { label: string }));
      expect(error.code, JSON.stringify(input)).toBe("BAD_REQUEST");
    }
    expect(await callerFor(employee).payDevices.list()).toHaveLength(before);
  });

  it("revokes the caller's own phone; another employee's phone is not found and stays active", async () => {
    const mine = await callerFor(employee).payDevices.register({ label: "Galaxy · Chrome" });
    const theirs = await callerFor(colleague).payDevices.register({ label: "Pixel · Chrome" });

    const probe = await failure(callerFor(employee).payDevices.revoke({ deviceId: theirs.deviceId }));
    expect(probe.code).toBe("NOT_FOUND");
    expect(probe.cause).toMatchObject({ messageKey: "payDeviceNotFound" });
    expect((await callerFor(colleague).payDevices.list())[0]).toMatchObject({ deviceId: theirs.deviceId, status: "active" });

    const revoked = await callerFor(employee).payDevices.revoke({ deviceId: mine.deviceId });
    expect(revoked).toMatchObject({ deviceId: mine.deviceId, status: "revoked" });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const again = await callerFor(employee).payDevices.revoke({ deviceId: mine.deviceId });
    expect(again.revokedAt).toEqual(revoked.revokedAt);

    expect((await failure(callerFor(employee).payDevices.revoke({ deviceId: "not-a-uuid" }))).code).toBe("BAD_REQUEST");
  });

  it("refuses a revoked phone's code at the kiosk, while a fresh code from an active phone pays", async () => {
    const employeeId = employee.id;
    await world.fund(employeeId, 10_000n);
    const phone = await callerFor(employee).payDevices.register({ label: "Lost phone" });
    const lines = [await world.line("cookie")];

    const before = await generatePayCode({ secret: phone.secret, deviceNo: phone.deviceNo, now: new Date() });
    const paid = await callerFor(barista).orders.checkout({ idempotencyKey: "pay-devices-0001", lines, payCode: before, remainder: { method: "none" } });
    expect(paid.tenders).toEqual([{ kind: "wallet", amount: 2_000n }]);

    await callerFor(employee).payDevices.revoke({ deviceId: phone.deviceId });
    // A code made on the phone after the revocation (offline, it cannot know) is refused by reason.
    const after = await generatePayCode({ secret: phone.secret, deviceNo: phone.deviceNo, now: new Date(Date.now() + 30_000) });
    const refused = await failure(
      callerFor(barista).orders.checkout({ idempotencyKey: "pay-devices-0002", lines, payCode: after, remainder: { method: "none" } }),
    );
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.cause).toMatchObject({ messageKey: "payCodeDeviceRevoked" });
    const [wallet] = await database.sql<{ balance: string }[]>`select balance::text from accounts where kind = 'employee_wallet' and user_id = ${employeeId}`;
    expect(wallet?.balance).toBe("8000");
  });

  it("lets HR list and revoke an employee's phone, audited; a device of someone else is not found", async () => {
    const phone = await callerFor(colleague).payDevices.register({ label: "Colleague phone" });
    const listed = await callerFor(hr).payDevices.ofEmployee({ employeeId: colleague.id });
    expect(listed.map((d) => d.deviceId)).toContain(phone.deviceId);
    expect(JSON.stringify(listed)).not.toContain(phone.secret);

    const wrongOwner = await failure(callerFor(hr).payDevices.revokeOfEmployee({ employeeId: employee.id, deviceId: phone.deviceId }));
    expect(wrongOwner.code).toBe("NOT_FOUND");

    const revoked = await callerFor(hr).payDevices.revokeOfEmployee({ employeeId: colleague.id, deviceId: phone.deviceId });
    expect(revoked.status).toBe("revoked");
    const audit = await database.sql<{ actor_id: string; action: string; before: { status: string }; after: { status: string } }[]>`
      select actor_id, action, before, after from audit_log where entity_id = ${phone.deviceId}`;
    expect(audit).toEqual([
      expect.objectContaining({ actor_id: hr.id, action: "pay_device.revoke", before: expect.objectContaining({ status: "active" }), after: expect.objectContaining({ status: "revoked" }) }),
    ]);
  });

  it("keeps the roles apart: an employee cannot use HR's procedures, HR and kiosks cannot register phones", async () => {
    expect((await failure(callerFor(employee).payDevices.ofEmployee({ employeeId: colleague.id }))).code).toBe("FORBIDDEN");
    expect((await failure(callerFor(hr).payDevices.register({ label: "HR phone" }))).code).toBe("FORBIDDEN");
    expect((await failure(callerFor(barista).payDevices.list())).code).toBe("FORBIDDEN");
  });
});
