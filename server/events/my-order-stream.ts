import type { SessionUser } from "@/server/auth/roles";
import type { OrderEvent } from "@/server/domain/orders/events";
import type { MyOrderEvent } from "@/lib/my-order-events";
import { eventStreamResponse, SSE_HEARTBEAT_MS } from "./sse";

export const MY_EVENTS_HEARTBEAT_MS = SSE_HEARTBEAT_MS;

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

    return eventStreamResponse(
      request,
      (send) =>
        deps.subscribe((event) => {
          const mine = myOrderEvent(event, employeeId);
          if (mine) send("order", mine);
        }),
      deps.heartbeatMs ?? MY_EVENTS_HEARTBEAT_MS,
    );
  };
}
