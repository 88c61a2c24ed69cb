import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { sessionUserFromRequest } from "@/server/auth/request-session";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { requestLogger } from "@/server/log";
import { appRouter } from "./root";
import { createInnerContext } from "./init";
import { crossSiteRefusal } from "./csrf";

export async function handleTrpcRequest(request: Request) {
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
  const log = requestLogger(requestId);
  const appUrl = env().APP_URL;
  const refusal = crossSiteRefusal(request, appUrl ? new URL(appUrl).origin : undefined);
  if (refusal) {
    log.warn({ path: new URL(request.url).pathname, refusal }, "refused a cross-site or non-JSON mutation");
    return Response.json(
      { error: { message: refusal, code: "FORBIDDEN" } },
      { status: 403, headers: { "x-request-id": requestId } },
    );
  }
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async () =>
      createInnerContext({ db: db(), session: await sessionUserFromRequest(request), requestId }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") log.error({ err: error, path }, "procedure failed");
    },
  });
  response.headers.set("x-request-id", requestId);
  return response;
}
