import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { auth } from "@/server/auth";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { requestLogger } from "@/server/log";
import { appRouter } from "./root";
import { createInnerContext } from "./init";

/**
 * Why a state-changing request must be refused, or null when it may go on.
 * tRPC's adapters accept a cross-site `text/plain` form post as a mutation, which a
 * browser sends with the user's cookies and without a CORS preflight; only a JSON body
 * from this app's own origin may change anything.
 */
export function crossSiteRefusal(request: Request, allowedOrigin: string | undefined): string | null {
  if (request.method === "GET" || request.method === "HEAD") return null;
  const contentType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (contentType !== "application/json") return "mutations must be sent as application/json";
  if (request.headers.get("sec-fetch-site") === "cross-site") return "cross-site requests are not allowed";
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== (allowedOrigin ?? ownOrigin(request))) {
    return "requests from another origin are not allowed";
  }
  return null;
}

function ownOrigin(request: Request) {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}

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
    createContext: async () => {
      const session = await auth();
      return createInnerContext({ db: db(), session: session?.user ?? null, requestId });
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") log.error({ err: error, path }, "procedure failed");
    },
  });
  response.headers.set("x-request-id", requestId);
  return response;
}
