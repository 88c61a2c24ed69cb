import { loadProfile } from "@/server/domain/people/profile";
import { publicProcedure, roleProcedure, router } from "../init";

export const sessionRouter = router({
  me: publicProcedure.query(({ ctx }) => ctx.session),
  profile: roleProcedure("employee", "barista", "store_manager", "hr_admin").query(({ ctx }) =>
    loadProfile({ tx: ctx.db, input: { userId: ctx.session.id } }),
  ),
});
