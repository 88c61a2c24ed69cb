import { createCallerFactory, router } from "./init";
import { dayRouter } from "./routers/day";
import { menuRouter } from "./routers/menu";
import { ordersRouter } from "./routers/orders";
import { peopleRouter } from "./routers/people";
import { sessionRouter } from "./routers/session";

export const appRouter = router({
  session: sessionRouter,
  menu: menuRouter,
  people: peopleRouter,
  orders: ordersRouter,
  day: dayRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
