import type { SessionUser } from "@/server/auth/roles";
import type { OrderEvent } from "@/server/domain/orders/events";
import type { MyOrderEvent } from "@/lib/my-order-events";
import { eventStream, HEARTBEAT_MS } from "./sse";

/** The part of an order event the employee may hear: only for orders they paid for, else null. */
export function myOrderEvent(event: OrderEvent, employeeId: string): MyOrderEvent | null {
  if (!event.payerIds.includes(employeeId)) return null;
  return { orderId: event.orderId, status: event.status, pickupNumber: event.pickupNumber, storeId: event.storeId };
}

type Deps = {
  authenticate: (request: Request) => Promise<SessionUser | null>;
  subscribe: (listener: (event: OrderEvent) => void) => Promise<() => void>;
  /** The employee's events after a `Last-Event-ID`, for a phone that reconnects. */
  replay?: (employeeId: string, afterSeq: number) => Promise<OrderEvent[]>;
  heartbeatMs?: number;
};

/**
 * Server-sent events of the signed-in employee's own orders: a new receipt the moment a
 * kiosk takes their pay code, then each status change and refund; after a reconnect, what
 * was missed. Built from its dependencies so a test can drive it with a real session and
 * real notifications.
 */
export function myOrderEventsHandler(deps: Deps) {
  return async function GET(request: Request): Promise<Response> {
    const user = await deps.authenticate(request);
    if (!user) return Response.json({ error: "sign in first" }, { status: 401 });
    if (user.role !== "employee") return Response.json({ error: "only an employee has a purchase stream" }, { status: 403 });
    const employeeId = user.id;
    const replay = deps.replay;
    return eventStream({
      request,
      name: "me",
      event: "order",
      subscribe: deps.subscribe,
      ...(replay ? { replay: (afterSeq: number) => replay(employeeId, afterSeq) } : {}),
      project: (event) => myOrderEvent(event, employeeId),
      heartbeatMs: deps.heartbeatMs ?? HEARTBEAT_MS,
    });
  };
}
