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
