import { and, eq, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rateLimits } from "@/db/schema";

export type RateLimitInput = { bucket: string; limit: number; windowSeconds: number; now: Date };

/** The fixed window `now` falls in, aligned to the epoch so every replica agrees on it. */
export function rateLimitWindow(now: Date, windowSeconds: number) {
  const windowMs = windowSeconds * 1000;
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const retryAfterSeconds = Math.max(1, Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000));
  return { start, retryAfterSeconds };
}

/**
 * Counts one hit in the bucket's current window; `allowed` while the window holds at most
 * `limit` hits. One upsert, so concurrent hits on any replica are all counted.
 */
export async function hitRateLimit(
  db: DbOrTx,
  input: RateLimitInput,
): Promise<{ allowed: boolean; hits: number; retryAfterSeconds: number }> {
  const window = rateLimitWindow(input.now, input.windowSeconds);
  const [row] = await db
    .insert(rateLimits)
    .values({ bucket: input.bucket, windowStart: window.start, hits: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.bucket, rateLimits.windowStart],
      set: { hits: sql`${rateLimits.hits} + 1` },
    })
    .returning({ hits: rateLimits.hits });
  if (!row) throw new Error(`rate limit upsert for ${input.bucket} returned no row`);
  const allowed = row.hits <= input.limit;
  return { allowed, hits: row.hits, retryAfterSeconds: allowed ? 0 : window.retryAfterSeconds };
}

/** True when the bucket already used up its `limit` in the current window; counts nothing. */
export async function isRateLimited(db: DbOrTx, input: RateLimitInput): Promise<boolean> {
  const window = rateLimitWindow(input.now, input.windowSeconds);
  const [row] = await db
    .select({ hits: rateLimits.hits })
    .from(rateLimits)
    .where(and(eq(rateLimits.bucket, input.bucket), eq(rateLimits.windowStart, window.start)));
  return (row?.hits ?? 0) >= input.limit;
}

/** The first of several buckets that has used up its limit, read in one query; null when none has. */
export async function firstRateLimited(db: DbOrTx, inputs: readonly RateLimitInput[]): Promise<RateLimitInput | null> {
  if (inputs.length === 0) return null;
  const rows = await db
    .select({ bucket: rateLimits.bucket, windowStart: rateLimits.windowStart, hits: rateLimits.hits })
    .from(rateLimits)
    .where(
      or(...inputs.map((input) => and(eq(rateLimits.bucket, input.bucket), eq(rateLimits.windowStart, rateLimitWindow(input.now, input.windowSeconds).start)))),
    );
  return (
    inputs.find((input) => {
      const start = rateLimitWindow(input.now, input.windowSeconds).start.getTime();
      const row = rows.find((candidate) => candidate.bucket === input.bucket && candidate.windowStart.getTime() === start);
      return (row?.hits ?? 0) >= input.limit;
    }) ?? null
  );
}

/** Deletes windows that started before `olderThan` (pass at least now minus the longest window). */
export async function pruneRateLimits(db: DbOrTx, olderThan: Date): Promise<number> {
  const deleted = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, olderThan))
    .returning({ bucket: rateLimits.bucket });
  return deleted.length;
}
