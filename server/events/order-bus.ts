import "server-only";
import { ORDER_EVENTS_CHANNEL, parseOrderEvent } from "@/server/domain/orders/events";
import { channelBus } from "./channel-bus";

/** Order status changes from every replica: kiosk queues, the pickup display, employees' phones. */
export const subscribeToOrders = channelBus(ORDER_EVENTS_CHANNEL, parseOrderEvent);
