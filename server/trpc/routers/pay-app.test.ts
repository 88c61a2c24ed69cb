import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActiveUser } from "@/server/auth/users";
import { sessionEndedBySignOutEverywhere } from "@/server/auth/session-revocation";
import type { SessionUser } from "@/server/auth/roles";
import { localDayBounds, loadPayHome } from "@/server/domain/pay/home";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { sessionOf, trpcFailure as failure } from "@/test/helpers";
import { LUNCHTIME, moneyWorld } from "@/test/money-fixtures";
import { createInnerContext } from "../init";
import { createCaller } from "../root";

type World = Awaited<ReturnType<typeof moneyWorld>>;

describe("pay app: home and sign out everywhere", () => {
  let database: TestDatabase;
  let world: World;
  let employee: SessionUser;
  const callerFor = (session: SessionUser) => createCaller(createInnerContext({ db: database.db, session }));

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
    employee = await sessionOf(database.db, "employee21@canteen.dev");
  });
  afterAll(() => database.close());

  it("shows the wallet and today's vouchers: what is left, the window, and whether it pays now", async () => {
    const employeeId = employee.id;
    await world.fund(employeeId, 15_000n);
    const day = { validFrom: new Date("2026-11-25T00:00:00+09:00"), validUntil: new Date("2026-11-26T00:00:00+09:00") };
    await world.lunch(employeeId, { ...day, amount: 9_000n });
    await world.lunch(employeeId, { ...day, meal: "dinner", amount: 8_000n, windowStart: "17:00:00", windowEnd: "20:00:00" });
    await world.lunch(employeeId, { ...day, meal: "breakfast", amount: 5_000n, windowStart: "07:00:00", windowEnd: "10:00:00" });
    // Tomorrow's lunch is not today's.
    await world.lunch(employeeId, { validFrom: new Date("2026-11-26T00:00:00+09:00"), validUntil: new Date("2026-11-27T00:00:00+09:00") });
    await world.sell({ payer: { employeeId }, lines: [await world.line("cookie")] });

    const home = await loadPayHome({ tx: database.db, input: { userId: employeeId, now: LUNCHTIME } });
    expect(home.date).toBe("2026-11-25");
    expect(home.walletBalance).toBe(15_000n);
    expect(home.vouchers.map((v) => [v.meal, v.amount, v.left, v.windowStart, v.windowEnd, v.usableNow, v.refusal])).toEqual([
      ["breakfast", 5_000n, 5_000n, "07:00", "10:00", false, "outsideWindow"],
      // The 2,000 cookie came off the lunch voucher, which pays now.
      ["lunch", 9_000n, 7_000n, "11:00", "14:00", true, null],
      ["dinner", 8_000n, 8_000n, "17:00", "20:00", false, "outsideWindow"],
    ]);

    // Over the router, for the signed-in employee only.
    const mine = await callerFor(employee).payApp.home();
    expect(mine.walletBalance).toBe(15_000n);
    const other = await callerFor(await sessionOf(database.db, "employee22@canteen.dev")).payApp.home();
    expect(other.walletBalance).toBe(0n);
  });

  it("computes Seoul's day from midnight to midnight", () => {
    const day = localDayBounds(new Date("2026-11-25T23:59:59+09:00"), "Asia/Seoul");
    expect(day.start.toISOString()).toBe("2026-11-24T15:00:00.000Z");
    expect(day.end.toISOString()).toBe("2026-11-25T15:00:00.000Z");
    expect(localDayBounds(new Date("2026-11-25T00:00:00+09:00"), "Asia/Seoul").date).toBe("2026-11-25");
  });

  it("decides from the token's times whether sign-out-everywhere ended it", () => {
    const at = new Date("2026-11-25T12:00:00.500Z");
    const seconds = (iso: string) => Date.parse(iso) / 1000;
    expect(sessionEndedBySignOutEverywhere({ iat: seconds("2026-11-25T11:59:59Z") }, at)).toBe(true);
    // Same second as the sign-out: iat cannot tell, so it counts as before.
    expect(sessionEndedBySignOutEverywhere({ iat: seconds("2026-11-25T12:00:00Z") }, at)).toBe(true);
    expect(sessionEndedBySignOutEverywhere({ iat: seconds("2026-11-25T12:00:01Z") }, at)).toBe(false);
    // Signed in again 100 ms after, within the same second: its own stamp says so.
    expect(sessionEndedBySignOutEverywhere({ iat: seconds("2026-11-25T12:00:00Z"), signedInAt: at.getTime() + 100 }, at)).toBe(false);
    expect(sessionEndedBySignOutEverywhere({ iat: seconds("2026-11-25T11:00:00Z") }, null)).toBe(false);
    expect(sessionEndedBySignOutEverywhere({}, at)).toBe(true);
  });

  it("signs out everywhere: older sessions are refused, a sign-in after it is not, other people are untouched", async () => {
    const person = await sessionOf(database.db, "employee23@canteen.dev");
    const bystander = await sessionOf(database.db, "employee24@canteen.dev");
    const earlier = { iat: Math.floor(Date.now() / 1000) - 60, signedInAt: Date.now() - 60_000 };
    expect(await loadActiveUser(database.db, { id: person.id }, earlier)).not.toBeNull();

    const { sessionsValidFrom } = await callerFor(person).payApp.signOutEverywhere();
    expect(sessionsValidFrom.getTime()).toBeGreaterThan(earlier.signedInAt);
    expect(await loadActiveUser(database.db, { id: person.id }, earlier)).toBeNull();
    const later = { iat: Math.floor(sessionsValidFrom.getTime() / 1000), signedInAt: sessionsValidFrom.getTime() + 5 };
    expect(await loadActiveUser(database.db, { id: person.id }, later)).toMatchObject({ id: person.id });
    expect(await loadActiveUser(database.db, { id: bystander.id }, earlier)).toMatchObject({ id: bystander.id });

    const [audit] = await database.sql<{ action: string; actor_id: string }[]>`select action, actor_id from audit_log where entity_id = ${person.id}`;
    expect(audit).toEqual({ action: "user.sign_out_everywhere", actor_id: person.id });
    // Kiosk tablets are unpaired instead.
    expect((await failure(callerFor(await sessionOf(database.db, "kiosk.cafe@canteen.dev")).payApp.signOutEverywhere())).code).toBe("FORBIDDEN");
  });
});
