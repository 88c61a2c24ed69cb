import type { Db } from "@/db/client";
import type { SessionUser } from "@/server/auth/roles";

/** What an HR file route (upload or download under /api/admin) works with. */
export type FileContext = { db: Db; session: SessionUser | null; requestId: string; allowedOrigin?: string };

export const json = (body: unknown, status: number, requestId: string) =>
  Response.json(body, { status, headers: { "x-request-id": requestId, "cache-control": "no-store" } });

export const refuse = (status: 401 | 403 | 400 | 409 | 413, code: string, messageKey: string, requestId: string) =>
  json({ error: { code, messageKey } }, status, requestId);

/** The refusal for anyone but a signed-in HR admin, or null for HR. */
export function notHr(context: FileContext) {
  if (!context.session) return refuse(401, "UNAUTHORIZED", "signInFirst", context.requestId);
  if (context.session.role !== "hr_admin") return refuse(403, "FORBIDDEN", "forbidden", context.requestId);
  return null;
}
