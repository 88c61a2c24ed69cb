import type { DbOrTx } from "@/db/client";
import { loadActiveUser } from "@/server/auth/users";
import { TRPCError } from "@trpc/server";

/** The TRPCError a call fails with; any other outcome fails the test. */
export async function trpcFailure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

/** The session of a seeded, active user, as the tRPC context would hold it. */
export async function sessionOf(db: DbOrTx, email: string) {
  const user = await loadActiveUser(db, { email });
  if (!user) throw new Error(`no active user ${email}`);
  return user;
}

/** Whatever a call fails with; a call that succeeds fails the test. */
export async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}
