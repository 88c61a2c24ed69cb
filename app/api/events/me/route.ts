import { orderEventsAfter } from "@/server/domain/orders/events";
import { sessionUserFromRequest } from "@/server/auth/request-session";
import { db } from "@/server/db";
import { subscribeToOrders } from "@/server/events/event-bus";
import { myOrderEventsHandler } from "@/server/events/my-order-stream";

export const dynamic = "force-dynamic";

/** The signed-in employee's own order events (see lib/my-order-events.ts for their shape). */
export const GET = myOrderEventsHandler({
  authenticate: sessionUserFromRequest,
  subscribe: subscribeToOrders,
  replay: (employeeId, afterSeq) => orderEventsAfter(db(), { afterSeq, payerId: employeeId }),
});
