import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyLedger, verifyReportRollups } from "@/server/domain/ledger/verify";
import { refundOrder } from "@/server/domain/payments/refund-order";
import { revokeFutureGrants } from "@/server/domain/people/revoke-future-grants";
import { expireVoucherGrants, grantVoucher } from "@/server/domain/vouchers/grants";
import { migrationsFolder } from "@/db/migrate";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { LUNCHTIME } from "@/test/money-fixtures";
import { reportWorld } from "@/test/report-fixtures";
import { dashboard } from "./dashboard";
import { monthlySettlement } from "./settlement";
import { monthlyTaxReport } from "./tax";

type World = Awaited<ReturnType<typeof reportWorld>>;

/**
 * The report rollups (migration 0016) are kept by database triggers in the paying, refunding,
 * granting and department-moving transactions. Each test compares them with a from-scratch
 * computation: `verifyReportRollups` (the recomputation views) and the ledger's own entries.
 */
describe("report rollups", () => {
  let database: TestDatabase;
  let data: World;
  beforeAll(async () => {
    database = await createTestDatabase();
    data = await reportWorld(database.db);
  });
  afterAll(async () => {
    expect((await verifyLedger(database.db)).ok).toBe(true);
    await database.close();
  });

  const breaches = async () => (await verifyReportRollups(database.db)).filter((check) => check.breaches > 0);
  /** What the ledger moved from vouchers for a range's orders: payment legs less refunds to a grant or the budget. */
  const ledgerVoucherValue = async (from: string, to: string) => {
    const [row] = (await database.db.execute(sql`
      select coalesce(-sum(e.amount), 0)::text as value
        from orders o
        join ledger_transfers tr on tr.order_id = o.id
        join ledger_entries e on e.transfer_id = tr.id
        join accounts a on a.id = e.account_id
       where o.business_date between ${from}::date and ${to}::date
         and ((tr.kind = 'payment' and a.kind = 'voucher_grant') or (tr.kind = 'refund' and a.kind in ('voucher_grant', 'voucher_budget')))`)) as unknown as { value: string }[];
    return BigInt(row?.value ?? "0");
  };
  const refundAll = (orderId: string, storeId: string, now: Date) =>
    database.db.transaction((tx) => refundOrder({ tx, input: { orderId, storeId, reason: "customer left", actorId: data.world.kiosk.id, now } }));

  it("equal a from-scratch computation after payments, a partial refund, a full refund and a group payment", async () => {
    const { world } = data;
    expect(await breaches()).toEqual([]);
    // The rollups were written by the transactions themselves, not by the migration's backfill.
    const [written] = (await database.db.execute(sql`select count(*)::int as n from report_voucher_spend where business_date = '2031-03-10'`)) as unknown as { n: number }[];
    expect(written?.n).toBeGreaterThan(0);

    const [a, b, c] = await Promise.all([world.employee(20), world.employee(21), world.employee(22)]);
    for (const id of [a, b, c]) {
      await world.fund(id, 30_000n);
      await world.lunch(id);
    }
    // Group: two vouchers, the rest from wallets and the card; then a single payer fully refunded.
    const group = await world.sell({
      lines: [await world.line("sandwich", 3), await world.line("americano", 2)],
      payer: null,
      payers: [{ employeeId: a }, { employeeId: b }],
      walletSplit: "even",
      remainder: { method: "card" },
    });
    expect(group.tenders.filter((t) => t.kind === "voucher")).toHaveLength(2);
    const single = await world.sell({ lines: [await world.line("sandwich"), await world.line("cookie")], payer: { employeeId: c } });
    expect(await breaches()).toEqual([]);
    const before = await dashboard({ tx: database.db, input: { from: "2026-11-25", to: "2026-11-25" } });
    expect(before.spend.total).toBe(18_000n + 7_500n);
    expect(before.usage).toMatchObject({ grants: 3, granted: 27_000n, used: 25_500n });

    await refundAll(single.orderId, world.cafe.id, new Date(LUNCHTIME.getTime() + 60_000));
    expect(await breaches()).toEqual([]);
    const after = await dashboard({ tx: database.db, input: { from: "2026-11-25", to: "2026-11-25" } });
    expect(after.spend.total).toBe(18_000n);
    expect(after.usage).toMatchObject({ grants: 3, granted: 27_000n, used: 18_000n });
    expect(after.topItems.find((item) => item.nameEn === "Chocolate Chip Cookie")).toBeUndefined();
    expect(after.topItems.find((item) => item.nameEn === "Ham & Cheese Sandwich")?.quantity).toBe(3);

    const november = await monthlySettlement({ tx: database.db, input: { month: "2026-11" } });
    expect(november.total).toEqual({ uses: 3, paid: 25_500n, refunded: 7_500n, net: 18_000n });
    expect(november.total.net).toBe(await ledgerVoucherValue("2026-11-01", "2026-11-30"));
    const tax = await monthlyTaxReport({ tx: database.db, input: { month: "2026-11" } });
    expect(new Map(tax.employees.map((row) => [row.employeeId, row.net]))).toEqual(
      new Map([
        [a, 9_000n],
        [b, 9_000n],
        [c, 0n],
      ]),
    );
    const march = await monthlySettlement({ tx: database.db, input: { month: "2031-03" } });
    expect(march.total.net).toBe(await ledgerVoucherValue("2031-03-01", "2031-03-31"));
  });

  it("re-file an employee's uses when they move to another department", async () => {
    const { first } = data.employees;
    const from = data.departmentOf(first);
    const [other] = (await database.db.execute(sql`select id from departments where id is distinct from ${from}::uuid order by code limit 1`)) as unknown as { id: string }[];
    if (!other) throw new Error("no other department");
    const netOf = (report: Awaited<ReturnType<typeof monthlySettlement>>, departmentId: string | null) =>
      report.stores.flatMap((store) => store.departments).filter((d) => d.departmentId === departmentId).reduce((sum, d) => sum + d.net, 0n);
    const before = await monthlySettlement({ tx: database.db, input: { month: "2031-03" } });

    await database.db.execute(sql`update users set department_id = ${other.id}::uuid where id = ${first}::uuid`);
    const after = await monthlySettlement({ tx: database.db, input: { month: "2031-03" } });
    expect(after.total).toEqual(before.total);
    expect(netOf(after, other.id) - netOf(before, other.id)).toBe(13_000n);
    expect(netOf(before, from) - netOf(after, from)).toBe(13_000n);
    expect(await breaches()).toEqual([]);

    await database.db.execute(sql`update users set department_id = ${from}::uuid where id = ${first}::uuid`);
    expect((await monthlySettlement({ tx: database.db, input: { month: "2031-03" } })).stores).toEqual(before.stores);
  });

  it("re-file a payment and a refund in flight when the payer moves department meanwhile", async () => {
    const { world } = data;
    const payer = await world.employee(24);
    await world.fund(payer, 30_000n);
    await world.lunch(payer);
    const from = data.departmentOf(payer);
    const [other] = (await database.db.execute(sql`select id from departments where id is distinct from ${from}::uuid order by code limit 1`)) as unknown as { id: string }[];
    if (!other) throw new Error("no other department");
    const moveTo = (departmentId: string | null) =>
      database.db.execute(sql`update users set department_id = ${departmentId}::uuid where id = ${payer}::uuid`);

    // The voucher leg is written (its summary row filed under the old department) and the
    // payment pauses; the move must wait for it rather than miss it.
    let legWritten!: () => void;
    const written = new Promise<void>((resolve) => (legWritten = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const sale = world.sell({
      lines: [await world.line("sandwich")],
      payer: { employeeId: payer },
      hooks: { afterLeg: async (leg) => { if (leg === "voucher") { legWritten(); await released; } } },
    });
    await written;
    let moved = false;
    const move = moveTo(other.id).then(() => (moved = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(moved, "the department move waits for the payment in flight").toBe(false);
    release();
    const paid = await sale;
    await move;
    expect(paid.tenders.some((tender) => tender.kind === "voucher")).toBe(true);
    expect(await breaches()).toEqual([]);

    // A refund written but not committed holds the move back the same way.
    let refundWritten!: () => void;
    const refunded = new Promise<void>((resolve) => (refundWritten = resolve));
    let commitRefund!: () => void;
    const commit = new Promise<void>((resolve) => (commitRefund = resolve));
    const refund = database.db.transaction(async (tx) => {
      await refundOrder({ tx, input: { orderId: paid.orderId, storeId: world.cafe.id, reason: "customer left", actorId: world.kiosk.id, now: new Date(LUNCHTIME.getTime() + 60_000) } });
      refundWritten();
      await commit;
    });
    await refunded;
    moved = false;
    const moveBack = moveTo(from).then(() => (moved = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(moved, "the department move waits for the refund in flight").toBe(false);
    commitRefund();
    await refund;
    await moveBack;
    expect(await breaches()).toEqual([]);
  });

  it("leave revoked grants out of the usage rate and keep expired ones in", async () => {
    const employee = await data.world.employee(23);
    const give = (day: string) =>
      database.db.transaction((tx) =>
        grantVoucher({ tx, input: { employeeId: employee, meal: "lunch", amount: 9_000n, validFrom: new Date(`${day}T11:00:00+09:00`), validUntil: new Date(`${day}T14:00:00+09:00`), serviceDate: day } }),
      );
    await give("2031-06-02");
    await give("2031-06-03");
    const usage = async () => (await dashboard({ tx: database.db, input: { from: "2031-06-01", to: "2031-06-30" } })).usage;
    expect(await usage()).toMatchObject({ grants: 2, granted: 18_000n });

    await database.db.transaction((tx) => expireVoucherGrants({ tx, input: { now: new Date("2031-06-02T15:00:00+09:00") } }));
    expect(await usage()).toMatchObject({ grants: 2, granted: 18_000n });
    await database.db.transaction((tx) =>
      revokeFutureGrants({ tx, input: { employeeId: employee, from: new Date("2031-06-03T00:00:00+09:00"), now: new Date("2031-06-02T16:00:00+09:00"), actorId: null } }),
    );
    expect(await usage()).toMatchObject({ grants: 1, granted: 9_000n });
    expect(await breaches()).toEqual([]);
  });

  it("spread concurrent payments over shards without deadlocks, summing to the ledger", async () => {
    const { world } = data;
    const payers = await Promise.all([30, 31, 32, 33, 34, 35].map((n) => world.employee(n)));
    for (const id of payers) await world.lunch(id);
    const sandwich = await world.line("sandwich");
    await Promise.all(payers.map((employeeId) => world.sell({ lines: [sandwich], payer: { employeeId }, remainder: { method: "card" } })));

    const [spread] = (await database.db.execute(sql`
      select count(distinct shard)::int as shards from report_voucher_spend
       where business_date = '2026-11-25' and meal = 'lunch'`)) as unknown as { shards: number }[];
    expect(spread?.shards).toBeGreaterThan(1);
    const november = await monthlySettlement({ tx: database.db, input: { month: "2026-11" } });
    expect(november.total.net).toBe(await ledgerVoucherValue("2026-11-01", "2026-11-30"));
    expect(await breaches()).toEqual([]);
  });

  it("keep new grants on shards no payment writes, so a till never waits for an allocation in flight", async () => {
    const { world } = data;
    const employeeId = await world.employee(40);
    await world.lunch(employeeId);
    await world.sell({ lines: [await world.line("cookie")], payer: { employeeId } });
    const rows = (await database.db.execute(sql`
      select shard, grants, used::text as used from report_voucher_granted where grant_day = '2026-11-25'`)) as unknown as {
      shard: number;
      grants: number;
      used: string;
    }[];
    const grantShards = rows.filter((row) => row.shard >= 64);
    const paymentShards = rows.filter((row) => row.shard < 64);
    expect(grantShards.some((row) => row.grants > 0)).toBe(true);
    expect(grantShards.every((row) => row.used === "0")).toBe(true);
    expect(paymentShards.some((row) => row.used !== "0")).toBe(true);
    // Below 64 only updates of grants write counts: expiry nets to nothing, a revocation takes away.
    expect(paymentShards.every((row) => row.grants <= 0)).toBe(true);
    expect(await breaches()).toEqual([]);
  });

  it("are caught by the verification when they drift, and the backfill rebuilds them", async () => {
    const board = await dashboard({ tx: database.db, input: { from: "2026-11-01", to: "2026-11-30" } });
    await database.db.execute(sql`update report_voucher_spend set paid = paid + 1 where ctid = (select min(ctid) from report_voucher_spend)`);
    await database.db.execute(sql`delete from report_voucher_items where business_date = '2026-11-25'`);
    expect((await breaches()).map((check) => check.name)).toEqual([
      "the voucher spend rollup equals its tenders",
      "the voucher items rollup equals its order lines",
    ]);
    expect((await verifyLedger(database.db)).ok).toBe(false);

    await database.db.execute(sql`select report_rollups_rebuild()`);
    expect(await breaches()).toEqual([]);
    expect(await dashboard({ tx: database.db, input: { from: "2026-11-01", to: "2026-11-30" } })).toEqual(board);
  });
});

describe("migration 0016 on a database that already has payments", () => {
  it("backfills the rollups, so the reports are right straight after migrating", async () => {
    // Payments made before the rollups existed: the data is written with the summary triggers
    // switched off (running the old migrations alone would not do, since the fixture writes
    // columns later migrations add), then the migration's own backfill statement runs.
    const database = await createTestDatabase();
    try {
      const triggers = (await database.db.execute(sql`
        select c.relname as table_name, t.tgname as trigger_name from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where not t.tgisinternal and t.tgname like '%\_report\_%'`)) as unknown as { table_name: string; trigger_name: string }[];
      expect(triggers.length).toBeGreaterThanOrEqual(10);
      const switchTriggers = (on: boolean) =>
        Promise.all(
          triggers.map((t) => database.db.execute(sql.raw(`alter table "${t.table_name}" ${on ? "enable" : "disable"} trigger "${t.trigger_name}"`))),
        );
      await switchTriggers(false);
      await reportWorld(database.db);
      await switchTriggers(true);
      const [empty] = (await database.db.execute(sql`select count(*)::int as n from report_voucher_spend`)) as unknown as { n: number }[];
      expect(empty?.n).toBe(0);

      const migration = readFileSync(path.join(migrationsFolder, "0016_report_rollups.sql"), "utf8");
      const backfill = migration.split("--> statement-breakpoint").map((statement) => statement.trim()).at(-1) ?? "";
      expect(backfill).toMatch(/^(--.*\n)*SELECT report_rollups_rebuild\(\);$/);
      await database.db.execute(sql.raw(backfill));

      expect((await verifyReportRollups(database.db)).filter((check) => check.breaches > 0)).toEqual([]);
      const [kept] = (await database.db.execute(sql`select count(*)::int as n from report_voucher_spend`)) as unknown as { n: number }[];
      expect(kept?.n).toBeGreaterThan(0);
      expect((await monthlySettlement({ tx: database.db, input: { month: "2031-03" } })).total).toEqual({ uses: 4, paid: 27_000n, refunded: 2_500n, net: 24_500n });
      expect((await dashboard({ tx: database.db, input: { from: "2031-03-01", to: "2031-03-31" } })).usage).toMatchObject({ grants: 3, granted: 26_000n, used: 22_000n });
    } finally {
      await database.close();
    }
  });
});
