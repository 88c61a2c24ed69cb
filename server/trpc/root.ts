import { createCallerFactory, router } from "./init";
import { cardRouter } from "./routers/card";
import { dayRouter } from "./routers/day";
import { devicesRouter } from "./routers/devices";
import { historyRouter } from "./routers/history";
import { loyaltyRouter } from "./routers/loyalty";
import { menuRouter } from "./routers/menu";
import { menuAdminRouter } from "./routers/menu-admin";
import { auditRouter } from "./routers/audit";
import { orderAheadRouter } from "./routers/order-ahead";
import { ordersRouter } from "./routers/orders";
import { payAppRouter } from "./routers/pay-app";
import { payDevicesRouter } from "./routers/pay-devices";
import { peopleRouter } from "./routers/people";
import { pushRouter } from "./routers/push";
import { refundsRouter } from "./routers/refunds";
import { reportsRouter } from "./routers/reports";
import { sessionRouter } from "./routers/session";
import { topUpRouter } from "./routers/top-up";
import { voucherAdminRouter } from "./routers/voucher-admin";

export const appRouter = router({
  session: sessionRouter,
  menu: menuRouter,
  people: peopleRouter,
  orders: ordersRouter,
  card: cardRouter,
  day: dayRouter,
  refunds: refundsRouter,
  devices: devicesRouter,
  orderAhead: orderAheadRouter,
  push: pushRouter,
  history: historyRouter,
  payDevices: payDevicesRouter,
  payApp: payAppRouter,
  topUp: topUpRouter,
  voucherAdmin: voucherAdminRouter,
  menuAdmin: menuAdminRouter,
  audit: auditRouter,
  reports: reportsRouter,
  loyalty: loyaltyRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
