import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { currentSession } from "@/server/auth/guard";
import { db } from "@/server/db";
import { createInnerContext } from "./init";
import { createCaller } from "./root";

/** tRPC for React Server Components: the same procedures and role checks, without HTTP. */
export const serverApi = cache(async () => {
  const [session, requestHeaders] = await Promise.all([currentSession(), headers()]);
  return createCaller(
    createInnerContext({
      db: db(),
      session: session?.user ?? null,
      requestId: requestHeaders.get("x-request-id") ?? undefined,
    }),
  );
});
