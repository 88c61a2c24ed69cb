/**
 * Periodic housekeeping, run by a scheduler (cron, a Kubernetes CronJob):
 *   expire-vouchers   returns unused value of grants whose time is over to the company budget
 *   make-vouchers     makes the grants of allocation days planned up to tomorrow (hourly is plenty)
 *   allocate [YYYY-MM] gives out every active meal-voucher policy for a month (default: next month)
 *   prune             drops idempotency keys older than the retention, old rate-limit windows, old order events
 *                     and menu pictures no item shows
 *   push              sends due Web Push messages ("your order is ready"), retrying failed ones with backoff
 * Each job runs in one process at a time across all replicas and CronJob pods (a session
 * advisory lock; a second runner says so and exits 0), and each is safe to run again.
 * Uses DATABASE_DIRECT_URL or DATABASE_URL, or the embedded database of `npm start`.
 */
import { connect } from "../db/client";
import { pruneIdempotencyKeys } from "../server/domain/idempotency";
import { pruneOrderEvents } from "../server/domain/orders/events";
import { pruneRateLimits } from "../server/domain/rate-limit";
import { pruneMenuImages } from "../server/domain/menu/images";
import { deliverPush } from "../server/domain/push/outbox";
import { pushSender } from "../server/domain/push/send-after-commit";
import { currentTime } from "../server/clock";
import { jobsEnv, pushEnv } from "../server/env";
import { allocateMonth, nextMonthOf } from "../server/jobs/allocate-month";
import { runExclusively } from "../server/jobs/exclusive";
import { expireAllVoucherGrants } from "../server/jobs/expire-vouchers";
import { makeAllDueGrants } from "../server/domain/vouchers/plans";
import { localDatabase } from "./local-database";

const JOBS = ["expire-vouchers", "make-vouchers", "allocate", "prune", "push"] as const;
const job = process.argv[2];
if (!JOBS.includes(job as (typeof JOBS)[number])) {
  console.error("usage: npm run jobs -- expire-vouchers | make-vouchers | allocate [YYYY-MM] | prune | push");
  process.exit(2);
}

const settings = jobsEnv();
const database = settings.DATABASE_DIRECT_URL
  ? { url: settings.DATABASE_DIRECT_URL, stop: async () => {} }
  : await localDatabase();
const { db, sql, close } = connect(database.url, { max: 3, applicationName: `canteen-job-${job}` });
let exitCode = 0;
try {
  const outcome = await runExclusively(sql, job ?? "", async () => {
    // The business clock (moved on a test server), the same one the app's requests use.
    const now = currentTime();
    if (job === "expire-vouchers") {
      const { expired, returned } = await expireAllVoucherGrants(db, { now });
      return `expired ${expired} voucher grants, returned ${returned} won to the budget`;
    }
    if (job === "make-vouchers") {
      const { grants } = await makeAllDueGrants(db, { now });
      return `made ${grants} planned voucher grants`;
    }
    if (job === "allocate") {
      const month = process.argv[3] ?? nextMonthOf(now);
      const done = await allocateMonth(db, { month, now, ...(settings.ALLOCATION_ACTOR_EMAIL ? { actorEmail: settings.ALLOCATION_ACTOR_EMAIL } : {}) });
      return `allocation ${done.periodStart}–${done.periodEnd} as ${done.actor}: ${JSON.stringify(done.result ?? { grants: 0 }, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))}`;
    }
    if (job === "push") {
      const sender = await pushSender(db, pushEnv().VAPID_SUBJECT);
      const total = { sent: 0, retrying: 0, failed: 0, gone: 0 };
      // Batches until nothing is due: a message that fails now waits for its backoff, so this ends.
      for (;;) {
        const batch = await deliverPush(db, { sender, now: currentTime(), limit: 100 });
        for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += batch[key];
        if (batch.sent + batch.retrying + batch.failed + batch.gone === 0) break;
      }
      return `push: ${total.sent} sent, ${total.retrying} to retry, ${total.failed} given up, ${total.gone} subscriptions gone`;
    }
    // Pruning is housekeeping by age, on the wall clock.
    const wallClock = new Date();
    const keys = await pruneIdempotencyKeys(db, wallClock);
    const dayAgo = new Date(wallClock.getTime() - 24 * 3_600_000);
    const windows = await pruneRateLimits(db, dayAgo);
    const events = await pruneOrderEvents(db, dayAgo);
    const pictures = await pruneMenuImages(db, dayAgo);
    return `pruned ${keys} idempotency keys, ${windows} rate-limit windows, ${events} order events and ${pictures} unused menu pictures`;
  });
  console.log(outcome.ran ? outcome.result : `${job}: already running in another process; nothing to do here`);
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  exitCode = 1;
} finally {
  await close();
  await database.stop();
}
process.exit(exitCode);
