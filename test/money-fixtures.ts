import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { menuItems, optionChoices, optionGroups, stores, users } from "@/db/schema";
import { seed } from "@/db/seed";
import { creditWalletFromPg } from "@/server/domain/payments/top-up";
import { grantVoucher } from "@/server/domain/vouchers/grants";
import { checkoutOnce, type PayerRef } from "@/server/domain/payments/checkout";
import type { Remainder, WalletSplit } from "@/server/domain/payments/split";
import type { PaymentHooks } from "@/server/domain/payments/pay-order";

/** Handles on the seeded demo company for money tests. */
export async function moneyWorld(db: Db) {
  await seed(db);
  const storeRows = await db.select().from(stores);
  const cafe = storeRows.find((s) => s.code === "hq-cafe");
  const cafeteria = storeRows.find((s) => s.code === "cafeteria");
  const [kiosk] = await db.select().from(users).where(eq(users.email, "kiosk.cafe@canteen.dev"));
  if (!cafe || !cafeteria || !kiosk) throw new Error("seed incomplete");

  const employee = async (n: number) => {
    const email = `employee${String(n).padStart(2, "0")}@canteen.dev`;
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!row) throw new Error(`no ${email}`);
    return row.id;
  };

  /** A cafe item (or another store's) with its default options chosen, as the kiosk would send it. */
  const line = async (code: string, quantity = 1, extraChoiceCodes: string[] = [], storeId = cafe.id) => {
    const [item] = await db.select().from(menuItems).where(and(eq(menuItems.code, code), eq(menuItems.storeId, storeId)));
    if (!item) throw new Error(`no item ${code}`);
    const choices = await db
      .select({ id: optionChoices.id, code: optionChoices.code, isDefault: optionChoices.isDefault, groupCode: optionGroups.code })
      .from(optionChoices)
      .innerJoin(optionGroups, eq(optionGroups.id, optionChoices.groupId))
      .where(eq(optionGroups.storeId, storeId));
    const optionIds = choices
      .filter((choice) => choice.isDefault || extraChoiceCodes.includes(choice.code))
      .filter((choice) => !(choice.isDefault && choices.some((c) => extraChoiceCodes.includes(c.code) && c.groupCode === choice.groupCode)))
      .map((choice) => choice.id);
    return { itemId: item.id, quantity, optionIds: await keepOffered(db, item.id, optionIds) };
  };

  const fund = (employeeId: string, amount: bigint) =>
    db.transaction((tx) => creditWalletFromPg({ tx, input: { employeeId, amount, memo: "test top-up" } }));

  const lunch = (employeeId: string, overrides: Partial<Parameters<typeof grantVoucher>[0]["input"]> = {}) =>
    db.transaction((tx) =>
      grantVoucher({
        tx,
        input: {
          employeeId,
          meal: "lunch",
          amount: 9000n,
          validFrom: new Date("2026-11-25T00:00:00+09:00"),
          validUntil: new Date("2026-11-26T00:00:00+09:00"),
          windowStart: "11:00:00",
          windowEnd: "14:00:00",
          weekdays: [1, 2, 3, 4, 5],
          storeIds: [cafe.id, cafeteria.id],
          ...overrides,
        },
      }),
    );

  let keyCounter = 0;
  const sell = (input: {
    lines: Awaited<ReturnType<typeof line>>[];
    payer: PayerRef | null;
    payers?: PayerRef[];
    walletSplit?: WalletSplit;
    remainder?: Remainder;
    now?: Date;
    key?: string;
    hooks?: PaymentHooks;
    /** The kiosk's store; the cafe unless said. */
    storeId?: string;
  }) =>
    checkoutOnce(db, {
      scope: kiosk.id,
      key: input.key ?? `test-${process.pid}-${keyCounter++}-${Math.random()}`,
      hooks: input.hooks,
      input: {
        storeId: input.storeId ?? cafe.id,
        lines: input.lines,
        payers: input.payer ? [input.payer] : (input.payers ?? []),
        walletSplit: input.walletSplit,
        remainder: input.remainder ?? { method: "none" },
        actorId: kiosk.id,
        now: input.now ?? LUNCHTIME,
      },
    });

  return { cafe, cafeteria, kiosk, employee, line, fund, lunch, sell };
}

/** Wednesday 2026-11-25, 12:30 in Seoul: inside the lunch window. */
export const LUNCHTIME = new Date("2026-11-25T12:30:00+09:00");

async function keepOffered(db: Db, itemId: string, optionIds: string[]) {
  const { menuItemOptionGroups } = await import("@/db/schema");
  const links = await db.select().from(menuItemOptionGroups).where(eq(menuItemOptionGroups.itemId, itemId));
  const offered = new Set(links.map((link) => link.groupId));
  const choices = await db.select({ id: optionChoices.id, groupId: optionChoices.groupId }).from(optionChoices);
  return optionIds.filter((id) => offered.has(choices.find((choice) => choice.id === id)?.groupId ?? ""));
}
