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
