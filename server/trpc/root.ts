import { createCallerFactory, router } from "./init";
import { cardRouter } from "./routers/card";
import { dayRouter } from "./routers/day";
import { devicesRouter } from "./routers/devices";
import { menuRouter } from "./routers/menu";
import { ordersRouter } from "./routers/orders";
import { peopleRouter } from "./routers/people";
import { refundsRouter } from "./routers/refunds";
import { sessionRouter } from "./routers/session";

export const appRouter = router({
  session: sessionRouter,
  menu: menuRouter,
  people: peopleRouter,
  orders: ordersRouter,
  card: cardRouter,
  day: dayRouter,
  refunds: refundsRouter,
  devices: devicesRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
