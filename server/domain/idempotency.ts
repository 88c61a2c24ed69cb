import { createHash } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import superjson, { type SuperJSONResult } from "superjson";
import type { Db, DbOrTx, Tx } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { DomainError } from "./errors";

/** Keys are kept at least this long; `pruneIdempotencyKeys` removes older ones. */
export const IDEMPOTENCY_RETENTION_HOURS = 48;

export type IdempotencyScope = {
  /** Who is calling: keys of different callers never collide. */
  scope: string;
  procedure: string;
  key: string;
  /** Everything that defines the request; the same key with a different request is refused. */
  request: unknown;
};

export function requestFingerprint(procedure: string, request: unknown) {
  return createHash("sha256").update(procedure).update("\0").update(JSON.stringify(superjson.serialize(request))).digest("hex");
}

/**
 * Runs `work` in one transaction at most once per key (Stripe's and the IETF draft's
 * semantics). The key row is inserted first: a copy of the request that arrives while the
 * first is still running blocks on that row until the first commits, then reads its
 * stored result, so it can never charge twice. A request that fails rolls its key back,
 * so a retry after an error runs again; nothing moved the first time.
 */
export async function withIdempotency<T>(
  db: Db,
  idempotency: IdempotencyScope,
  work: (tx: Tx) => Promise<T>,
  options: IdempotencyOptions = {},
): Promise<T> {
  const requestHash = requestFingerprint(idempotency.procedure, idempotency.request);
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(db, idempotency, requestHash, work);
    } catch (error) {
      // PostgreSQL rolled everything back, the key row too, so running again is the same request once.
      if (options.retryDeadlocks && attempt < DEADLOCK_ATTEMPTS && databaseErrorOf(error)?.code === DEADLOCK_DETECTED) continue;
      throw translateDatabaseError(error);
    }
  }
}

export type IdempotencyOptions = {
  /**
   * Run again when PostgreSQL aborts the transaction to break a deadlock. Only for work whose
   * every effect is in this database (no card terminal or PG call inside), which a rollback undoes.
   */
  retryDeadlocks?: boolean;
};

const DEADLOCK_DETECTED = "40P01";
const DEADLOCK_ATTEMPTS = 3;

async function once<T>(db: Db, idempotency: IdempotencyScope, requestHash: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(idempotencyKeys)
      .values({ scope: idempotency.scope, procedure: idempotency.procedure, key: idempotency.key, requestHash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length === 0) return replay<T>(tx, idempotency, requestHash);

    const result = await work(tx);
    await tx
      .update(idempotencyKeys)
      .set({ response: superjson.serialize(result) })
      .where(
        and(
          eq(idempotencyKeys.scope, idempotency.scope),
          eq(idempotencyKeys.procedure, idempotency.procedure),
          eq(idempotencyKeys.key, idempotency.key),
        ),
      );
    return result;
  });
}

async function replay<T>(tx: DbOrTx, idempotency: IdempotencyScope, requestHash: string): Promise<T> {
  const [stored] = await tx
    .select()
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.scope, idempotency.scope),
        eq(idempotencyKeys.procedure, idempotency.procedure),
        eq(idempotencyKeys.key, idempotency.key),
      ),
    );
  if (!stored || stored.response === null) {
    throw new DomainError("CONFLICT", "requestInProgress", "the same request is still being processed; retry shortly");
  }
  if (stored.requestHash !== requestHash) {
    throw new DomainError("CONFLICT", "idempotencyKeyReused", "this idempotency key was already used for a different request");
  }
  return superjson.deserialize<T>(stored.response as SuperJSONResult);
}

/** PostgreSQL failures that mean something to the caller become domain errors. */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const cause = databaseErrorOf(error);
  if (!cause) return error;
  if (cause.code === "23514" && cause.constraint_name === "accounts_balance_non_negative") {
    return new DomainError("PRECONDITION_FAILED", "insufficientBalance", "the balance is not enough for this payment");
  }
  if (cause.code === "55P03") {
    return new DomainError("CONFLICT", "requestInProgress", "the same request is still being processed; retry shortly");
  }
  return error;
}

type PgError = { code?: string; constraint_name?: string };

function databaseErrorOf(error: unknown): PgError | null {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current === "object" && current !== null && "code" in current && typeof current.code === "string" && /^[0-9A-Z]{5}$/.test(current.code)) {
      return current as PgError;
    }
    current = typeof current === "object" && current !== null && "cause" in current ? current.cause : null;
  }
  return null;
}

export async function pruneIdempotencyKeys(db: DbOrTx, now: Date) {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_RETENTION_HOURS * 3_600_000);
  const deleted = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff)).returning({ key: idempotencyKeys.key });
  return deleted.length;
}
