import { z } from "zod";
import { loadStoreMenu } from "@/server/domain/menu/store-menu";
import { setSoldOut } from "@/server/domain/menu/set-sold-out";
import { baristaProcedure, managerProcedure, router } from "../init";
import { TRPCError } from "@trpc/server";
import { loadStoreHours } from "@/server/domain/stores/settings";
import { currentTime } from "@/server/clock";

export const menuRouter = router({
  forManager: managerProcedure.query(({ ctx }) => {
    if (!ctx.session.storeId) throw new TRPCError({ code: "FORBIDDEN", message: "this manager has no store" });
    return loadStoreMenu({ tx: ctx.db, input: { storeId: ctx.session.storeId, includeHidden: true } });
  }),
  forKiosk: baristaProcedure.query(({ ctx }) => loadStoreMenu({ tx: ctx.db, input: { storeId: ctx.storeId } })),
  /** The store's hours and the business clock, so the kiosk's header can keep its open/closed state current. */
  hours: baristaProcedure.query(async ({ ctx }) => ({
    ...(await loadStoreHours({ tx: ctx.db, input: { storeId: ctx.storeId } })),
    now: currentTime().getTime(),
  })),
  setSoldOut: baristaProcedure
    .input(z.object({ itemId: z.uuid(), soldOut: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.db.transaction((tx) => setSoldOut({ tx, input: { ...input, storeId: ctx.storeId, actorId: ctx.session.id } }))),
});
