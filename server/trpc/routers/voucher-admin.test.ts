import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "@/db/seed";
import type { SessionUser } from "@/server/auth/roles";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { sessionOf, trpcFailure } from "@/test/helpers";
import { createInnerContext } from "../init";
import { createCaller } from "../root";

const terms = {
  amount: 9000,
  windowStart: "11:00",
  windowEnd: "14:00",
  weekdays: [1, 2, 3, 4, 5],
  includeHolidays: false,
  storeIds: null,
  departmentIds: null,
  dailyCap: null,
  monthlyCap: null,
  groupPaymentAllowed: true,
  unusedValue: "expire_at_window_end" as const,
  effectiveFrom: "2099-01-01",
};

describe("voucher admin over tRPC", () => {
  let database: TestDatabase;
  let hr: SessionUser;
  let manager: SessionUser;
  let employee: SessionUser;
  const callerFor = (session: SessionUser) => createCaller(createInnerContext({ db: database.db, session }));

  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.db);
    hr = await sessionOf(database.db, "hr@canteen.dev");
    manager = await sessionOf(database.db, "manager@canteen.dev");
    employee = await sessionOf(database.db, "employee03@canteen.dev");
  });
  afterAll(async () => {
    expect((await verifyLedger(database.db)).ok).toBe(true);
    await database.close();
  });

  it("refuses store managers and employees on every HR voucher procedure", async () => {
    for (const session of [manager, employee]) {
      const caller = callerFor(session);
      expect((await trpcFailure(caller.voucherAdmin.policies())).code).toBe("FORBIDDEN");
      expect((await trpcFailure(caller.voucherAdmin.createPolicy({ name: "x", meal: "lunch", terms }))).code).toBe("FORBIDDEN");
      expect((await trpcFailure(caller.voucherAdmin.previewAllocation({ periodStart: "2099-01-01", periodEnd: "2099-01-31", policyIds: [crypto.randomUUID()] }))).code).toBe("FORBIDDEN");
      expect(
        (await trpcFailure(caller.voucherAdmin.executeAllocation({ idempotencyKey: "key-00000001", periodStart: "2099-01-01", periodEnd: "2099-01-31", policyIds: [crypto.randomUUID()] }))).code,
      ).toBe("FORBIDDEN");
      expect((await trpcFailure(caller.voucherAdmin.revokeRun({ idempotencyKey: "key-00000002", runId: crypto.randomUUID() }))).code).toBe("FORBIDDEN");
      expect((await trpcFailure(caller.voucherAdmin.addHoliday({ day: "2099-01-02", nameKo: "휴일", nameEn: "Day off" }))).code).toBe("FORBIDDEN");
      expect(
        (await trpcFailure(caller.voucherAdmin.adjust({ idempotencyKey: "key-00000003", employeeId: employee.id, direction: "grant", amount: 1000, reason: "test", meal: "lunch", validFrom: "2099-01-01", validUntil: "2099-01-01" }))).code,
      ).toBe("FORBIDDEN");
    }
    const [row] = await database.sql`select count(*)::int as n from voucher_policies`;
    expect(row?.n).toBe(0);
  });

  it("names each bad field of a policy and saves nothing", async () => {
    const failure = await trpcFailure(
      callerFor(hr).voucherAdmin.createPolicy({ name: " ", meal: "lunch", terms: { ...terms, amount: 0, windowEnd: "10:00", weekdays: [], dailyCap: 5000 } }),
    );
    expect(failure.code).toBe("BAD_REQUEST");
    const [row] = await database.sql`select count(*)::int as n from voucher_policies`;
    expect(row?.n).toBe(0);
    const past = await trpcFailure(callerFor(hr).voucherAdmin.createPolicy({ name: "과거", meal: "lunch", terms: { ...terms, effectiveFrom: "2020-01-01" } }));
    expect(past.message).toMatch(/before today/);
  });

  it("runs an allocation with an idempotency key once, and an adjustment is audited", async () => {
    const caller = callerFor(hr);
    const { policy } = await caller.voucherAdmin.createPolicy({ name: "중식", meal: "lunch", terms: { ...terms, effectiveFrom: "2099-03-02" } });
    const input = { periodStart: "2099-03-02", periodEnd: "2099-03-06", policyIds: [policy.id] };
    const preview = await caller.voucherAdmin.previewAllocation(input);
    const first = await caller.voucherAdmin.executeAllocation({ ...input, idempotencyKey: "run-0000001" });
    const retry = await caller.voucherAdmin.executeAllocation({ ...input, idempotencyKey: "run-0000001" });
    expect(first.grantCount).toBe(preview.grants);
    expect(retry.id).toBe(first.id);
    const fresh = await caller.voucherAdmin.executeAllocation({ ...input, idempotencyKey: "run-0000002" });
    expect(fresh.grantCount).toBe(0);

    const before = await caller.voucherAdmin.employeeVouchers({ employeeId: employee.id });
    await caller.voucherAdmin.adjust({ idempotencyKey: "adj-0000001", employeeId: employee.id, direction: "takeBack", amount: 4000, reason: "double booking", meal: "lunch", validFrom: "2099-03-02", validUntil: "2099-03-02" });
    const after = await caller.voucherAdmin.employeeVouchers({ employeeId: employee.id });
    expect(after.balance).toBe(before.balance - 4000n);
    const tooMuch = await trpcFailure(
      caller.voucherAdmin.adjust({ idempotencyKey: "adj-0000002", employeeId: employee.id, direction: "takeBack", amount: 1_000_000, reason: "oops", meal: "lunch", validFrom: "2099-03-02", validUntil: "2099-03-02" }),
    );
    expect(tooMuch.code).toBe("PRECONDITION_FAILED");
    const [audit] = await database.sql`select after from audit_log where action = 'voucher_adjustment.take_back'`;
    expect(JSON.stringify(audit?.after)).toContain("double booking");
  });
});
