import "server-only";
import { MENU_EVENTS_CHANNEL, parseMenuEvent } from "@/server/domain/menu/events";
import { channelBus } from "./channel-bus";

/** "This store's menu changed", from a manager's edit or a sold-out switch on any replica. */
export const subscribeToMenu = channelBus(MENU_EVENTS_CHANNEL, parseMenuEvent);
