import type { Db } from "@/db/client";
import { expireVoucherGrants } from "@/server/domain/vouchers/grants";

/**
 * Expires every grant whose time is over, in batches that commit one by one, so a long
 * backlog never holds locks for long. Two runners at once (two replicas, two CronJob pods)
 * split the work: each batch locks its grants with SKIP LOCKED and re-checks their status,
 * so a grant is expired, and its value returned, exactly once.
 */
export async function expireAllVoucherGrants(db: Db, input: { now: Date; batchSize?: number }) {
  let expired = 0;
  let returned = 0n;
  for (;;) {
    const batch = await db.transaction((tx) => expireVoucherGrants({ tx, input: { now: input.now, batchSize: input.batchSize ?? 500 } }));
    expired += batch.expired;
    returned += batch.returned;
    if (batch.expired === 0) break;
  }
  return { expired, returned };
}
