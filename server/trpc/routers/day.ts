import { z } from "zod";
import { closeDay, daySummary, openDay } from "@/server/domain/day/store-day";
import { wonInput } from "@/server/domain/money";
import { baristaProcedure, router } from "../init";
import { currentTime } from "@/server/clock";

export const dayRouter = router({
  summary: baristaProcedure.query(({ ctx }) => daySummary({ tx: ctx.db, input: { storeId: ctx.storeId, now: currentTime() } })),
  open: baristaProcedure
    .input(z.object({ openingFloat: wonInput }).strict())
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((tx) => openDay({ tx, input: { storeId: ctx.storeId, openingFloat: input.openingFloat, actorId: ctx.session.id, now: currentTime() } })),
    ),
  close: baristaProcedure
    .input(z.object({ countedCash: wonInput }).strict())
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((tx) => closeDay({ tx, input: { storeId: ctx.storeId, countedCash: input.countedCash, actorId: ctx.session.id, now: currentTime() } })),
    ),
});
