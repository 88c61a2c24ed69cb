import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import type { SessionUser } from "./roles";
import { DUMMY_HASH, verifyPassword } from "./password";

export type CredentialCheck =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" | "suspended" };

export async function checkCredentials(db: DbOrTx, email: string, password: string): Promise<CredentialCheck> {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  if (user.status !== "active") return { ok: false, reason: "suspended" };
  return { ok: true, user: toSessionUser(user) };
}

/** The current state of a signed-in user; null once they are suspended, have left or were removed. */
export async function loadActiveUser(db: DbOrTx, by: { id: string } | { email: string }): Promise<SessionUser | null> {
  const [user] = await db
    .select()
    .from(users)
    .where("id" in by ? eq(users.id, by.id) : eq(users.email, by.email.trim().toLowerCase()));
  if (!user || user.status !== "active") return null;
  return toSessionUser(user);
}

function toSessionUser(user: typeof users.$inferSelect): SessionUser {
  return { id: user.id, role: user.role, name: user.name, email: user.email, storeId: user.storeId };
}
