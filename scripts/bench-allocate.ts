/**
 * `npm run bench:allocate`: 10,000 employees, three meal policies, one month (March 2027, 22
 * service days after 삼일절) on a throwaway embedded PostgreSQL. Prints the preview, execute and
 * re-run times and the grant count, the time to make one planned day's grants and the rest of
 * the month's, and an execute run on the month's first morning (today's grants made at once),
 * then checks the ledger. Figures, not a test.
 */
import { sql } from "drizzle-orm";
import { users } from "../db/schema";
import { executeAllocation, previewAllocation } from "../server/domain/vouchers/allocation";
import { makeAllDueGrants } from "../server/domain/vouchers/plans";
import { createPolicy } from "../server/domain/vouchers/policies";
import { weekdayMealTerms } from "../server/domain/vouchers/policy-input";
import { verifyLedger } from "../server/domain/ledger/verify";
import { cleanUp, parseFlags, startThrowawayDatabase } from "./bench-lib";

const flags = parseFlags({ employees: 10_000 });
const PERIOD = { periodStart: "2027-03-01", periodEnd: "2027-03-31" };

const terms = (amount: number, windowStart: string, windowEnd: string) => weekdayMealTerms(amount, windowStart, windowEnd, PERIOD.periodStart);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  console.log("starting a throwaway PostgreSQL…");
  const { database } = await startThrowawayDatabase();
  const { db } = database;
  const [hr] = await db.select({ id: users.id }).from(users).where(sql`${users.email} = 'hr@canteen.dev'`);
  if (!hr) throw new Error("seed has no HR admin");

  const made = performance.now();
  await db.execute(sql`
    insert into users (email, name, role, status, employee_no, department_id, hired_on)
    select 'bench' || n || '@canteen.dev', '직원 ' || n, 'employee', 'active', 'B' || lpad(n::text, 6, '0'),
      (select id from departments order by code offset (n % 5) limit 1), date '2020-01-01' + (n % 1000)
    from generate_series(1, ${flags.employees}) as n`);
  await db.execute(sql`analyze`);
  const [count] = (await db.execute(sql`select count(*)::int as n from users where role = 'employee' and status = 'active'`)) as unknown as { n: number }[];
  console.log(`${count?.n} active employees (${flags.employees} generated in ${seconds(performance.now() - made)})`);

  const now = new Date();
  const policyIds: string[] = [];
  for (const [name, meal, policy] of [
    ["조식", "breakfast", terms(5_000, "07:30", "09:30")],
    ["중식", "lunch", terms(9_000, "11:00", "14:00")],
    ["석식", "dinner", terms(9_000, "17:30", "20:00")],
  ] as const) {
    const created = await db.transaction((tx) => createPolicy({ tx, input: { name, meal, terms: policy, actorId: hr.id, now } }));
    policyIds.push(created.policy.id);
  }
  const input = { ...PERIOD, policyIds, now };

  let started = performance.now();
  const preview = await previewAllocation({ tx: db, input });
  const previewMs = performance.now() - started;
  console.log(`preview:  ${seconds(previewMs)} — ${preview.people} people, ${preview.serviceDays} days, ${preview.grants} grants, ${preview.totalAmount.toLocaleString("ko-KR")}원`);

  started = performance.now();
  let workDoneAt = 0;
  const run = await db.transaction(async (tx) => {
    const done = await executeAllocation({ tx, input: { ...input, actorId: hr.id } });
    workDoneAt = performance.now();
    return done;
  });
  const executeMs = performance.now() - started;
  // The deferred balance check of every ledger entry runs at commit.
  console.log(`  statements ${seconds(workDoneAt - started)}, commit ${seconds(performance.now() - workDoneAt)}`);
  console.log(`execute:  ${seconds(executeMs)} — ${run.grantCount} grants, ${run.totalAmount.toLocaleString("ko-KR")}원 (preview said ${preview.grants})`);

  started = performance.now();
  const rerun = await db.transaction((tx) => executeAllocation({ tx, input: { ...input, actorId: hr.id } }));
  const rerunMs = performance.now() - started;
  console.log(`re-run:   ${seconds(rerunMs)} — ${rerun.grantCount} grants created`);

  // Execute makes today's grants and plans the rest; each day's grants are then made
  // by the jobs runner (or the first payment). Time both: one day for everyone, then the rest.
  started = performance.now();
  const firstDay = await makeAllDueGrants(db, { now: new Date("2027-03-01T00:10:00+09:00") });
  const dayMs = performance.now() - started;
  console.log(`make one day (the job, 00:10 on 1 March: the 2nd's grants): ${seconds(dayMs)} — ${firstDay.grants} grants`);
  started = performance.now();
  const rest = await makeAllDueGrants(db, { allDays: true });
  const restMs = performance.now() - started;
  console.log(`make the rest of the month at once: ${seconds(restMs)} — ${rest.grants} grants`);
  const madeTotal = firstDay.grants + rest.grants;

  // The slowest execute: a month run on its first morning makes today's grants at once
  // (April 2027 at 06:00 on Thursday the 1st, with March's grants already in the tables).
  const april = { periodStart: "2027-04-01", periodEnd: "2027-04-30", policyIds, now: new Date("2027-04-01T06:00:00+09:00") };
  started = performance.now();
  const aprilRun = await db.transaction((tx) => executeAllocation({ tx, input: { ...april, actorId: hr.id } }));
  const aprilMs = performance.now() - started;
  const [aprilMade] = (await db.execute(sql`
    select count(*)::int as n from voucher_grants where service_date between '2027-04-01' and '2027-04-30'`)) as unknown as { n: number }[];
  console.log(`execute on the month's first morning: ${seconds(aprilMs)} — ${aprilRun.grantCount} grants, ${aprilMade?.n} of them made at once`);

  started = performance.now();
  const report = await verifyLedger(db);
  console.log(`ledger:verify ${report.ok ? "clean" : "BREACHED"} in ${seconds(performance.now() - started)} (${report.transfers} transfers, ${report.entries} entries)`);
  for (const check of report.checks.filter((c) => c.breaches > 0)) console.log(`  ${check.name}: ${check.breaches}`, check.examples);

  console.log("\n| step | time | result |\n|---|---|---|");
  console.log(`| preview | ${seconds(previewMs)} | ${preview.grants} grants |`);
  console.log(`| execute | ${seconds(executeMs)} | ${run.grantCount} grants |`);
  console.log(`| re-run | ${seconds(rerunMs)} | ${rerun.grantCount} grants |`);
  console.log(`| make one day (job) | ${seconds(dayMs)} | ${firstDay.grants} grants |`);
  console.log(`| make the rest at once | ${seconds(restMs)} | ${rest.grants} grants |`);
  console.log(`| execute on the first morning | ${seconds(aprilMs)} | ${aprilRun.grantCount} grants, ${aprilMade?.n} made at once |`);
  const ok = report.ok && run.grantCount === preview.grants && rerun.grantCount === 0 && madeTotal === run.grantCount;
  if (!ok) process.exitCode = 1;
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
