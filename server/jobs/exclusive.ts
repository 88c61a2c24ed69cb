import type postgres from "postgres";

/**
 * Runs `work` only if no other process runs the same job now: a session advisory lock on a
 * reserved connection, so many replicas or overlapping CronJob runs start it but one does it.
 * (A session lock needs a direct connection to PostgreSQL, not a transaction-mode pooler.)
 * Each job is also safe to run twice by itself (row locks, idempotent inserts); the lock
 * only keeps them from doing the same work side by side.
 */
export async function runExclusively<T>(
  sql: postgres.Sql,
  job: string,
  work: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  const connection = await sql.reserve();
  try {
    const [row] = await connection<{ locked: boolean }[]>`select pg_try_advisory_lock(hashtext(${`canteen-job:${job}`})) as locked`;
    if (!row?.locked) return { ran: false };
    try {
      return { ran: true, result: await work() };
    } finally {
      await connection`select pg_advisory_unlock(hashtext(${`canteen-job:${job}`}))`;
    }
  } finally {
    connection.release();
  }
}
