/**
 * Periodic housekeeping, run by a scheduler (cron, a Kubernetes CronJob):
 *   expire-vouchers   returns unused value of grants whose time is over to the company budget
 *   prune             drops idempotency keys older than the retention, old rate-limit windows and menu pictures no item shows
 *   push              sends due Web Push messages ("your order is ready"), retrying failed ones with backoff
 * Uses DATABASE_URL, or the embedded database of `npm start`.
 */
import { connect } from "../db/client";
import { pruneIdempotencyKeys } from "../server/domain/idempotency";
import { pruneRateLimits } from "../server/domain/rate-limit";
import { pruneMenuImages } from "../server/domain/menu/images";
import { deliverPush } from "../server/domain/push/outbox";
import { pushSender } from "../server/domain/push/send-after-commit";
import { pushEnv } from "../server/env";
import { expireVoucherGrants } from "../server/domain/vouchers/grants";
import { localDatabase } from "./local-database";

const job = process.argv[2];
if (job !== "expire-vouchers" && job !== "prune" && job !== "push") {
  console.error("usage: npm run jobs -- expire-vouchers | prune | push");
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
  } else if (job === "push") {
    const sender = await pushSender(db, pushEnv().VAPID_SUBJECT);
    const total = { sent: 0, retrying: 0, failed: 0, gone: 0 };
    // Batches until nothing is due: a message that fails now waits for its backoff, so this ends.
    for (;;) {
      const batch = await deliverPush(db, { sender, now: new Date(), limit: 100 });
      for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += batch[key];
      if (batch.sent + batch.retrying + batch.failed + batch.gone === 0) break;
    }
    console.log(`push: ${total.sent} sent, ${total.retrying} to retry, ${total.failed} given up, ${total.gone} subscriptions gone`);
  } else {
    const keys = await pruneIdempotencyKeys(db, now);
    const windows = await pruneRateLimits(db, new Date(now.getTime() - 24 * 3_600_000));
    const pictures = await pruneMenuImages(db, new Date(now.getTime() - 24 * 3_600_000));
    console.log(`pruned ${keys} idempotency keys, ${windows} rate-limit windows and ${pictures} unused menu pictures`);
  }
} finally {
  await close();
  await database.stop();
}
