import { sessionOf, trpcFailure as failure } from "@/test/helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/roles";
import { sandboxCardTerminal } from "@/server/providers";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { moneyWorld } from "@/test/money-fixtures";
import { createInnerContext } from "../init";
import { createCaller } from "../root";

describe("card payments over tRPC (sandbox terminal)", () => {
  let database: TestDatabase;
  let world: Awaited<ReturnType<typeof moneyWorld>>;
  let kiosk: SessionUser;
  let otherKiosk: SessionUser;
  const api = (session: SessionUser) => createCaller(createInnerContext({ db: database.db, session }));

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
    const load = (email: string) => sessionOf(database.db, email);
    kiosk = await load("kiosk.cafe@canteen.dev");
    otherKiosk = await load("kiosk.cafeteria@canteen.dev");
  });
  afterAll(() => database.close());

  it("charges this kiosk's terminal for the server's price and records the approval", async () => {
    expect(await api(kiosk).card.terminal()).toEqual({ kind: "sandbox", next: "approve" });
    const paid = await api(kiosk).card.checkout({ idempotencyKey: "card-router-01", lines: [await world.line("scone")] });
    expect(paid.tenders).toEqual([{ kind: "card", amount: 3_000n }]);
    const charges = sandboxCardTerminal()?.history(kiosk.id).filter((event) => event.type === "charge");
    expect(charges).toEqual([expect.objectContaining({ amount: 3_000n, reference: "card-router-01" })]);
  });

  it("a kiosk's sandbox choice applies to its own terminal only, once", async () => {
    await api(kiosk).card.sandboxSetNext({ outcome: "decline" });
    expect(await api(otherKiosk).card.terminal()).toEqual({ kind: "sandbox", next: "approve" });
    expect(await api(kiosk).card.terminal()).toEqual({ kind: "sandbox", next: "decline" });

    const declined = await failure(api(kiosk).card.checkout({ idempotencyKey: "card-router-02", lines: [await world.line("cookie")] }));
    expect(declined.code).toBe("PRECONDITION_FAILED");
    expect(declined.cause).toMatchObject({ messageKey: "cardDeclined", details: { reason: "한도초과" } });
    expect(await api(kiosk).card.terminal()).toEqual({ kind: "sandbox", next: "approve" });
    expect(await api(kiosk).card.unresolvedVoids()).toEqual([]);
  });

  it("refuses a client amount and unknown fields", async () => {
    const error = await failure(
      api(kiosk).card.checkout({ idempotencyKey: "card-router-03", lines: [await world.line("scone")], amount: 100 } as never),
    );
    expect(error.code).toBe("BAD_REQUEST");
  });
});
