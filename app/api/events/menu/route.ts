import { sessionUserFromRequest } from "@/server/auth/request-session";
import { subscribeToMenu } from "@/server/events/menu-bus";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

/** Server-sent "your store's menu changed" to a signed-in kiosk; the kiosk then refetches its menu. */
export async function GET(request: Request) {
  const user = await sessionUserFromRequest(request);
  const storeId = user?.role === "barista" ? user.storeId : null;
  if (!storeId) return Response.json({ error: "not a kiosk" }, { status: 401 });

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
      const unsubscribe = await subscribeToMenu((event) => {
        if (event.storeId !== storeId) return;
        send(`event: menu\ndata: ${JSON.stringify({ change: event.change })}\n\n`);
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
