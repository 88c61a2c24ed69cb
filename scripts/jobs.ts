/**
 * Periodic housekeeping, run by a scheduler (cron, a Kubernetes CronJob):
 *   expire-vouchers   returns unused value of grants whose time is over to the company budget
 *   prune             drops idempotency keys older than the retention and old rate-limit windows
 * Uses DATABASE_URL, or the embedded database of `npm start`.
 */
import { connect } from "../db/client";
import { pruneIdempotencyKeys } from "../server/domain/idempotency";
import { pruneRateLimits } from "../server/domain/rate-limit";
import { expireVoucherGrants } from "../server/domain/vouchers/grants";
import { localDatabase } from "./local-database";

const job = process.argv[2];
if (job !== "expire-vouchers" && job !== "prune") {
  console.error("usage: npm run jobs -- expire-vouchers | prune");
  process.exit(2);
}

const database = await localDatabase();
const { db, close } = connect(database.url, { max: 2 });
try {
  const now = new Date();
  if (job === "expire-vouchers") {
    let expired = 0;
    let returned = 0n;
    // Batches commit one by one, so a long backlog never holds locks for long.
    for (;;) {
      const batch = await db.transaction((tx) => expireVoucherGrants({ tx, input: { now, batchSize: 500 } }));
      expired += batch.expired;
      returned += batch.returned;
      if (batch.expired === 0) break;
    }
    console.log(`expired ${expired} voucher grants, returned ${returned} won to the budget`);
  } else {
    const keys = await pruneIdempotencyKeys(db, now);
    const windows = await pruneRateLimits(db, new Date(now.getTime() - 24 * 3_600_000));
    console.log(`pruned ${keys} idempotency keys and ${windows} rate-limit windows`);
  }
} finally {
  await close();
  await database.stop();
}
