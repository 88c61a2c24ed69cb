import { sessionUserFromRequest } from "@/server/auth/request-session";
import { subscribeToOrders } from "@/server/events/order-bus";
import { myOrderEventsHandler } from "@/server/events/my-order-stream";

export const dynamic = "force-dynamic";

/** The signed-in employee's own order events (see lib/my-order-events.ts for their shape). */
export const GET = myOrderEventsHandler({ authenticate: sessionUserFromRequest, subscribe: subscribeToOrders });
