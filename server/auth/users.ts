import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import type { SessionUser } from "./roles";
import { DUMMY_HASH, verifyPassword } from "./password";
import { hitRateLimit, isRateLimited } from "@/server/domain/rate-limit";
import { sessionEndedBySignOutEverywhere, type TokenTimes } from "./session-revocation";

export type CredentialCheck =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" | "suspended" | "rateLimited" };

/** Failed sign-ins allowed per account in a window: enough for typos, far too few for guessing. */
export const SIGN_IN_FAILURE_LIMIT = 10;
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;

export async function checkCredentials(db: DbOrTx, email: string, password: string, now = new Date()): Promise<CredentialCheck> {
  const normalized = email.trim().toLowerCase();
  const limit = { bucket: `signin:${normalized}`, limit: SIGN_IN_FAILURE_LIMIT, windowSeconds: SIGN_IN_WINDOW_SECONDS, now };
  if (await isRateLimited(db, limit)) return { ok: false, reason: "rateLimited" };
  const [user] = await db.select().from(users).where(eq(users.email, normalized));
  const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user || !valid) {
    await hitRateLimit(db, limit);
    return { ok: false, reason: "invalid" };
  }
  if (user.status !== "active") return { ok: false, reason: "suspended" };
  return { ok: true, user: toSessionUser(user) };
}

/**
 * The current state of a signed-in user; null once they are suspended, have left or were
 * removed, or (given the session's token) once they signed out everywhere after it was issued.
 */
export async function loadActiveUser(db: DbOrTx, by: { id: string } | { email: string }, token?: TokenTimes): Promise<SessionUser | null> {
  const [user] = await db
    .select()
    .from(users)
    .where("id" in by ? eq(users.id, by.id) : eq(users.email, by.email.trim().toLowerCase()));
  if (!user || user.status !== "active") return null;
  if (token && sessionEndedBySignOutEverywhere(token, user.sessionsValidFrom)) return null;
  return toSessionUser(user);
}

function toSessionUser(user: typeof users.$inferSelect): SessionUser {
  return { id: user.id, role: user.role, name: user.name, email: user.email, storeId: user.storeId };
}
