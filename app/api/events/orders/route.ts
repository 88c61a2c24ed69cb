import { eq } from "drizzle-orm";
import { stores } from "@/db/schema";
import { sessionUserFromRequest } from "@/server/auth/request-session";
import { db } from "@/server/db";
import { subscribeToOrders } from "@/server/events/order-bus";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events of a store's orders: a signed-in kiosk gets its own store; the pickup
 * display asks by store code (it only ever learns pickup numbers and statuses).
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

  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = await subscribeToOrders((event) => {
        if (event.storeId !== storeId) return;
        // Who paid stays off this stream: the pickup display's is open to anyone.
        const { orderId, pickupNumber, status, source } = event;
        send(`event: order\ndata: ${JSON.stringify({ storeId: event.storeId, orderId, pickupNumber, status, source })}\n\n`);
      });
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      });
      // Tells the browser how soon to reconnect, and that the stream is live.
      send("retry: 2000\nevent: ready\ndata: {}\n\n");
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
