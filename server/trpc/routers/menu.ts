import { z } from "zod";
import { loadStoreMenu } from "@/server/domain/menu/store-menu";
import { setSoldOut } from "@/server/domain/menu/set-sold-out";
import { baristaProcedure, managerProcedure, router } from "../init";
import { TRPCError } from "@trpc/server";

export const menuRouter = router({
  forManager: managerProcedure.query(({ ctx }) => {
    if (!ctx.session.storeId) throw new TRPCError({ code: "FORBIDDEN", message: "this manager has no store" });
    return loadStoreMenu({ tx: ctx.db, input: { storeId: ctx.session.storeId, includeHidden: true } });
  }),
  forKiosk: baristaProcedure.query(({ ctx }) => loadStoreMenu({ tx: ctx.db, input: { storeId: ctx.storeId } })),
  setSoldOut: baristaProcedure
    .input(z.object({ itemId: z.uuid(), soldOut: z.boolean() }))
    .mutation(({ ctx, input }) => setSoldOut({ tx: ctx.db, input: { ...input, storeId: ctx.storeId } })),
});
