import { eq } from "drizzle-orm";
import { stores } from "@/db/schema";
import { orderEventsAfter } from "@/server/domain/orders/events";
import { sessionUserFromRequest } from "@/server/auth/request-session";
import { db } from "@/server/db";
import { subscribeToOrders } from "@/server/events/event-bus";
import { eventStream } from "@/server/events/sse";

export const dynamic = "force-dynamic";

/**
 * Server-sent events of a store's orders: a signed-in kiosk gets its own store; the pickup
 * display asks by store code (it only ever learns pickup numbers and statuses). Resumes
 * after `Last-Event-ID` on any replica.
 */
export async function GET(request: Request) {
  const storeCode = new URL(request.url).searchParams.get("store");
  let storeId: string | null = null;
  if (storeCode) {
    const [store] = await db().select({ id: stores.id }).from(stores).where(eq(stores.code, storeCode));
    storeId = store?.id ?? null;
  } else {
    const user = await sessionUserFromRequest(request);
    storeId = user?.role === "barista" ? user.storeId : null;
  }
  if (!storeId) return Response.json({ error: "unknown store or not a kiosk" }, { status: storeCode ? 404 : 401 });
  const store = storeId;

  return eventStream({
    request,
    name: storeCode ? "display" : "kiosk",
    event: "order",
    subscribe: subscribeToOrders,
    replay: (afterSeq) => orderEventsAfter(db(), { afterSeq, storeId: store }),
    project: (event) => {
      if (event.storeId !== store) return null;
      // Who paid stays off this stream: the pickup display's is open to anyone.
      const { orderId, pickupNumber, status, source } = event;
      return { storeId: event.storeId, orderId, pickupNumber, status, source };
    },
  });
}
