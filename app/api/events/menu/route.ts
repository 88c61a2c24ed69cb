import { sessionUserFromRequest } from "@/server/auth/request-session";
import { subscribeToMenu } from "@/server/events/event-bus";
import { eventStream } from "@/server/events/sse";

export const dynamic = "force-dynamic";

/**
 * Server-sent "your store's menu changed" to a signed-in kiosk; the kiosk then refetches its
 * menu. Live only, on the process's one LISTEN connection: nothing to replay, since the
 * kiosk refetches the whole menu on `ready` (every reconnection, after a drain included) and
 * on the `resync` the bus sends after it re-listened.
 */
export async function GET(request: Request) {
  const user = await sessionUserFromRequest(request);
  const storeId = user?.role === "barista" ? user.storeId : null;
  if (!storeId) return Response.json({ error: "not a kiosk" }, { status: 401 });
  return eventStream({
    request,
    name: "menu",
    event: "menu",
    subscribe: subscribeToMenu,
    project: (notice) => (notice.storeId === storeId || notice.storeId === null ? { change: notice.change } : null),
  });
}
