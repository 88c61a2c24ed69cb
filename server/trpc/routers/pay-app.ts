import { loadPayHome } from "@/server/domain/pay/home";
import { signOutEverywhere } from "@/server/domain/people/sign-out-everywhere";
import { employeeProcedure, roleProcedure, router } from "../init";
import { currentTime } from "@/server/clock";

export const payAppRouter = router({
  /** Wallet balance and today's meal vouchers for the home screen. */
  home: employeeProcedure.query(({ ctx }) => loadPayHome({ tx: ctx.db, input: { userId: ctx.session.id, now: currentTime() } })),
  /** Ends every session of the caller, this one included; people only (a kiosk is unpaired instead). */
  signOutEverywhere: roleProcedure("employee", "store_manager", "hr_admin").mutation(({ ctx }) =>
    ctx.db.transaction((tx) => signOutEverywhere({ tx, input: { userId: ctx.session.id, requestId: ctx.requestId } })),
  ),
});
