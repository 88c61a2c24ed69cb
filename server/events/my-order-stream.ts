import type { SessionUser } from "@/server/auth/roles";
import type { OrderEvent } from "@/server/domain/orders/events";
import type { MyOrderEvent } from "@/lib/my-order-events";

export const MY_EVENTS_HEARTBEAT_MS = 15_000;

/** The part of an order event the employee may hear: only for orders they paid for, else null. */
export function myOrderEvent(event: OrderEvent, employeeId: string): MyOrderEvent | null {
  if (!event.payerIds.includes(employeeId)) return null;
  return { orderId: event.orderId, status: event.status, pickupNumber: event.pickupNumber, storeId: event.storeId };
}

type Deps = {
  authenticate: (request: Request) => Promise<SessionUser | null>;
  subscribe: (listener: (event: OrderEvent) => void) => Promise<() => void>;
  heartbeatMs?: number;
};

/**
 * Server-sent events of the signed-in employee's own orders: a new receipt the moment a
 * kiosk takes their pay code, then each status change and refund. Built from its
 * dependencies so a test can drive it with a real session and real notifications.
 */
export function myOrderEventsHandler(deps: Deps) {
  return async function GET(request: Request): Promise<Response> {
    const user = await deps.authenticate(request);
    if (!user) return Response.json({ error: "sign in first" }, { status: 401 });
    if (user.role !== "employee") return Response.json({ error: "only an employee has a purchase stream" }, { status: 403 });
    const employeeId = user.id;

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
        const unsubscribe = await deps.subscribe((event) => {
          const mine = myOrderEvent(event, employeeId);
          if (mine) send(`event: order\ndata: ${JSON.stringify(mine)}\n\n`);
        });
        // Proxies and phones drop a silent connection; a comment line every so often keeps it open.
        const heartbeat = setInterval(() => send(": keep-alive\n\n"), deps.heartbeatMs ?? MY_EVENTS_HEARTBEAT_MS);
        cleanup = () => {
          clearInterval(heartbeat);
          unsubscribe();
        };
        const close = () => {
          cleanup();
          try {
            controller.close();
          } catch {
            // already closed by the client
          }
        };
        // The phone may have gone while the subscription was being set up.
        if (request.signal.aborted) return close();
        request.signal.addEventListener("abort", close);
        // `ready` on every (re)connection lets the page catch up on what it missed meanwhile.
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
  };
}
