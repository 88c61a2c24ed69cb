import { sessionUserFromRequest } from "@/server/auth/request-session";
import { subscribeToMenu } from "@/server/events/menu-bus";
import { eventStreamResponse } from "@/server/events/sse";

export const dynamic = "force-dynamic";

/** Server-sent "your store's menu changed" to a signed-in kiosk; the kiosk then refetches its menu. */
export async function GET(request: Request) {
  const user = await sessionUserFromRequest(request);
  const storeId = user?.role === "barista" ? user.storeId : null;
  if (!storeId) return Response.json({ error: "not a kiosk" }, { status: 401 });
  return eventStreamResponse(request, (send) =>
    subscribeToMenu((event) => {
      if (event.storeId === storeId) send("menu", { change: event.change });
    }),
  );
}
