/** Runs once when a server process starts: a bad environment stops it with a message naming the variable. */
import { env, EnvError } from "./env";
import { closeAppDatabase } from "@/db/client";
import { lifecycle, onShutdown, runShutdownHooks, startDrain } from "./lifecycle";
import { logger } from "./log";

try {
  env();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(`Canteen cannot start.\n${error.message}`);
    process.exit(1);
  }
  throw error;
}

// The Web Push key pair is made now rather than at the first "ready"; a database that is not
// migrated yet only delays it until the first push needs it.
void import("./domain/push/vapid")
  .then(async ({ vapidKeys }) => vapidKeys((await import("./db")).db()))
  .catch((error: unknown) => logger.warn({ err: error }, "push: VAPID keys not ready at start"));

// Allocation days planned for later are made as grants by tomorrow: by the jobs runner's
// make-vouchers where a scheduler runs it, and here too so a lone `npm start` needs none.
// Every replica may run it; plans another one is making are skipped.
const MAKE_VOUCHERS_EVERY_MS = 15 * 60_000;
const makeVouchers = () =>
  void Promise.all([import("./domain/vouchers/plans"), import("./db"), import("./clock")])
    .then(([{ makeAllDueGrants }, { db }, { currentTime }]) => makeAllDueGrants(db(), { now: currentTime() }))
    .catch((error: unknown) => logger.warn({ err: error }, "make-vouchers: planned vouchers not made this time"));
makeVouchers();
const voucherTimer = setInterval(makeVouchers, MAKE_VOUCHERS_EVERY_MS);
voucherTimer.unref();
onShutdown(() => clearInterval(voucherTimer));

// Closed last, once in-flight requests have finished: the LISTEN connection, then the pool.
onShutdown(async () => {
  const { stopEventBus } = await import("./events/event-bus");
  await stopEventBus();
});
onShutdown(() => closeAppDatabase());

// Under scripts/serve.ts the server entry drains on SIGTERM and then runs the hooks above.
// Under plain `next start` (Next.js exits on the signal by itself) this is the best there is:
// tell streams to reconnect and close the pool.
if (!lifecycle().managedByServer) {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      logger.info({ signal }, "shutting down: closing event streams and the database pool");
      startDrain();
      void runShutdownHooks().finally(() => process.exit(0));
    });
  }
}
