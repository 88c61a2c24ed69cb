import { getToken } from "next-auth/jwt";
import { db } from "@/server/db";
import { env } from "@/server/env";
import type { SessionUser } from "./roles";
import { loadActiveUser } from "./users";
import { idleTooLong } from "./session-policy";

/**
 * The signed-in user of an API request: the session cookie decrypted and checked for
 * expiry, then the user re-read so a suspension takes effect on the next call. Unlike
 * `auth()`, it does not re-issue the cookie on every call — a kiosk makes many — so only
 * page loads roll the session's expiry forward.
 */
export async function sessionUserFromRequest(request: Request): Promise<SessionUser | null> {
  const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
  const token = await getToken({ req: request, secret: env().AUTH_SECRET, secureCookie: proto === "https" });
  if (!token?.sub || idleTooLong(token, Math.floor(Date.now() / 1000))) return null;
  return loadActiveUser(db(), { id: token.sub }, token);
}
