import { and, eq, isNotNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { DomainError, type DomainErrorCode } from "../errors";
import { firstRateLimited, hitRateLimit, rateLimitWindow, type RateLimitInput } from "../rate-limit";
import { currentTime } from "@/server/clock";

/** A manager PIN is 4 to 6 digits, short enough to type at the counter with a queue waiting. */
export const MANAGER_PIN_PATTERN = /^[0-9]{4,6}$/;

/** Wrong PINs one kiosk may enter in a window: enough for a slip of the finger, too few for guessing. */
export const MANAGER_PIN_KIOSK_LIMIT = 5;
export const MANAGER_PIN_KIOSK_WINDOW_SECONDS = 5 * 60;
/** And all kiosks of a store together in an hour, so several tablets cannot multiply the guesses. */
export const MANAGER_PIN_STORE_LIMIT = 20;
export const MANAGER_PIN_STORE_WINDOW_SECONDS = 60 * 60;

/**
 * A refused PIN, carrying the rate-limit buckets to charge. The PIN is checked inside the
 * refund's transaction, which rolls back on this error; `countingManagerPinFailures` counts
 * the failure afterwards, on the pool, so the count survives the rollback.
 */
export class ManagerPinRejected extends DomainError {
  constructor(
    code: DomainErrorCode,
    messageKey: string,
    message: string,
    readonly buckets: RateLimitInput[],
  ) {
    super(code, messageKey, message);
    this.name = "ManagerPinRejected";
  }
}

export type ApprovingManager = { id: string; name: string };

export type VerifyManagerPinInput = {
  /** The kiosk's store: only that store's active managers can approve. */
  storeId: string;
  pin: string;
  /** Who is typing (the kiosk's account id), for the per-kiosk failure count. */
  clientKey: string;
  now: Date;
};

function pinLimits(input: VerifyManagerPinInput): RateLimitInput[] {
  return [
    {
      bucket: `managerpin:kiosk:${input.clientKey}`,
      limit: MANAGER_PIN_KIOSK_LIMIT,
      windowSeconds: MANAGER_PIN_KIOSK_WINDOW_SECONDS,
      now: input.now,
    },
    {
      bucket: `managerpin:store:${input.storeId}`,
      limit: MANAGER_PIN_STORE_LIMIT,
      windowSeconds: MANAGER_PIN_STORE_WINDOW_SECONDS,
      now: input.now,
    },
  ];
}

/**
 * The active store manager of the kiosk's store whose PIN this is. A wrong PIN throws
 * `ManagerPinRejected`; run it inside `countingManagerPinFailures` so wrong guesses count.
 */
export async function verifyManagerPin(args: { tx: DbOrTx; input: VerifyManagerPinInput }): Promise<ApprovingManager> {
  const { tx, input } = args;
  const limits = pinLimits(input);
  const limited = await firstRateLimited(tx, limits);
  if (limited) {
    const { retryAfterSeconds } = rateLimitWindow(input.now, limited.windowSeconds);
    throw new DomainError("TOO_MANY_REQUESTS", "managerPinTooManyAttempts", `too many wrong manager PINs for ${limited.bucket}`, {
      minutes: Math.ceil(retryAfterSeconds / 60),
    });
  }
  if (!MANAGER_PIN_PATTERN.test(input.pin)) {
    throw new ManagerPinRejected("BAD_REQUEST", "managerPinMalformed", "a manager PIN is 4 to 6 digits", limits);
  }

  const managers = await tx
    .select({ id: users.id, name: users.name, pinHash: users.pinHash })
    .from(users)
    .where(
      and(eq(users.storeId, input.storeId), eq(users.role, "store_manager"), eq(users.status, "active"), isNotNull(users.pinHash)),
    );
  if (managers.length === 0) {
    // Nothing to guess against: not a failed attempt, but nobody can approve until a PIN is set.
    throw new DomainError("PRECONDITION_FAILED", "managerPinNotSet", "no manager of this store has a PIN");
  }
  for (const manager of managers) {
    if (manager.pinHash && (await verifyPassword(manager.pinHash, input.pin))) return { id: manager.id, name: manager.name };
  }
  throw new ManagerPinRejected("FORBIDDEN", "managerPinWrong", "the manager PIN is wrong", limits);
}

/** Runs `run`; a wrong PIN inside it is counted after its transaction has rolled back. */
export async function countingManagerPinFailures<T>(db: Db, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ManagerPinRejected) {
      for (const bucket of error.buckets) await hitRateLimit(db, bucket);
    }
    throw error;
  }
}

/** Checks a PIN on its own (no refund around it), counting a wrong one. */
export function checkManagerPin(db: Db, input: VerifyManagerPinInput): Promise<ApprovingManager> {
  return countingManagerPinFailures(db, () => verifyManagerPin({ tx: db, input }));
}

/** Sets (or replaces) a store manager's PIN, stored as an argon2id hash like a password. */
export async function setManagerPin(args: { tx: DbOrTx; input: { userId: string; pin: string } }) {
  const { tx, input } = args;
  if (!MANAGER_PIN_PATTERN.test(input.pin)) {
    throw new DomainError("BAD_REQUEST", "managerPinMalformed", "a manager PIN is 4 to 6 digits");
  }
  const pinHash = await hashPassword(input.pin);
  const [updated] = await tx
    .update(users)
    .set({ pinHash, updatedAt: currentTime() })
    .where(and(eq(users.id, input.userId), eq(users.role, "store_manager")))
    .returning({ id: users.id });
  if (!updated) throw new DomainError("NOT_FOUND", "managerNotFound", "no store manager with that id");
}
