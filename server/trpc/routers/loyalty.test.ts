import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { menuItems, stores, users } from "@/db/schema";
import { createPromotion } from "@/server/domain/loyalty/admin";
import { seed } from "@/db/seed";
import { loadActiveUser } from "@/server/auth/users";
import type { SessionUser } from "@/server/auth/roles";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { trpcFailure as failure } from "@/test/helpers";
import { createInnerContext } from "../init";
import { createCaller } from "../root";

describe("loyalty over tRPC", () => {
  let database: TestDatabase;
  let manager: SessionUser;
  let hr: SessionUser;
  let kiosk: SessionUser;
  let employee: SessionUser;
  const api = (session: SessionUser) => createCaller(createInnerContext({ db: database.db, session }));
  const sessionOf = async (email: string) => {
    const [row] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const user = row ? await loadActiveUser(database.db, { id: row.id }) : null;
    if (!user) throw new Error(`no ${email}`);
    return user;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.db);
    manager = await sessionOf("manager@canteen.dev");
    hr = await sessionOf("hr@canteen.dev");
    kiosk = await sessionOf("kiosk.cafe@canteen.dev");
    employee = await sessionOf("employee09@canteen.dev");
  });
  afterAll(() => database.close());

  it("a manager's promotion prices the kiosk cart; other roles cannot create one; bad input changes nothing", async () => {
    const [croissant] = await database.db
      .select()
      .from(menuItems)
      .where(and(eq(menuItems.code, "croissant"), eq(menuItems.storeId, manager.storeId ?? "")));
    const input = {
      nameKo: "크루아상 20%",
      nameEn: "Croissant 20%",
      kind: "percent" as const,
      value: 20,
      itemIds: [croissant!.id],
      startsAt: new Date(Date.now() - 60_000),
      endsAt: new Date(Date.now() + 3_600_000),
    };
    expect((await failure(api(employee).loyalty.createPromotion(input))).code).toBe("FORBIDDEN");
    expect((await failure(api(hr).loyalty.createPromotion(input))).code).toBe("FORBIDDEN");
    expect((await failure(api(manager).loyalty.createPromotion({ ...input, value: 150 }))).code).toBe("BAD_REQUEST");
    expect((await failure(api(manager).loyalty.createPromotion({ ...input, value: 2.5 }))).code).toBe("BAD_REQUEST");
    expect(await api(manager).loyalty.promotions()).toEqual([]);

    const created = await api(manager).loyalty.createPromotion(input);
    const quote = await api(kiosk).loyalty.quote({ lines: [{ itemId: croissant!.id, quantity: 1, optionIds: [] }] });
    expect(quote).toMatchObject({ subtotal: 3_200n, promotionDiscount: 640n, total: 2_560n });
    expect(quote.discounts).toEqual([{ cartIndex: 0, kind: "promotion", nameKo: "크루아상 20%", nameEn: "Croissant 20%", amount: 640n }]);

    await api(manager).loyalty.setPromotionActive({ promotionId: created.id, isActive: false });
    expect((await api(kiosk).loyalty.quote({ lines: [{ itemId: croissant!.id, quantity: 1, optionIds: [] }] })).total).toBe(3_200n);
  });

  it("a manager edits their store's promotion and stamp program; other roles are FORBIDDEN, another store's are NOT_FOUND", async () => {
    const [cookie] = await database.db
      .select()
      .from(menuItems)
      .where(and(eq(menuItems.code, "cookie"), eq(menuItems.storeId, manager.storeId ?? "")));
    const promotion = {
      nameKo: "쿠키 10%",
      nameEn: "Cookie 10%",
      kind: "percent" as const,
      value: 10,
      itemIds: [cookie!.id],
      startsAt: new Date(Date.now() - 60_000),
      endsAt: new Date(Date.now() + 3_600_000),
    };
    const created = await api(manager).loyalty.createPromotion(promotion);
    const edited = { ...promotion, promotionId: created.id, value: 30 };
    for (const session of [employee, hr, kiosk]) {
      expect((await failure(api(session).loyalty.updatePromotion(edited))).code).toBe("FORBIDDEN");
    }
    expect((await failure(api(manager).loyalty.updatePromotion({ ...edited, value: 0 }))).code).toBe("BAD_REQUEST");
    // The stores it runs in are not the manager's to choose.
    expect((await failure(api(manager).loyalty.updatePromotion({ ...edited, storeIds: [] } as typeof edited))).code).toBe("BAD_REQUEST");
    const cookieTotal = async () => (await api(kiosk).loyalty.quote({ lines: [{ itemId: cookie!.id, quantity: 1, optionIds: [] }] })).total;
    expect(await cookieTotal()).toBe(1_800n);
    await api(manager).loyalty.updatePromotion(edited);
    expect(await cookieTotal()).toBe(1_400n);

    const [cafeteria] = await database.db.select().from(stores).where(eq(stores.code, "cafeteria"));
    const [cafeteriaItem] = await database.db.select().from(menuItems).where(eq(menuItems.storeId, cafeteria!.id)).limit(1);
    const other = await database.db.transaction((tx) =>
      createPromotion({
        tx,
        input: { ...promotion, value: 10n, itemIds: [cafeteriaItem!.id], categoryIds: [], storeIds: [cafeteria!.id], dailyStart: null, dailyEnd: null, weekdays: [1], perPersonDailyLimit: null, actorId: hr.id, now: new Date() },
      }),
    );
    expect((await failure(api(manager).loyalty.updatePromotion({ ...edited, promotionId: other.id }))).code).toBe("NOT_FOUND");

    const program = {
      nameKo: "쿠키 스탬프",
      nameEn: "Cookie stamps",
      itemIds: [cookie!.id],
      rewardMaxValue: 3_000,
      rewardItemIds: [cookie!.id],
      startsAt: new Date(Date.now() - 60_000),
    };
    const createdProgram = await api(manager).loyalty.createStampProgram(program);
    const editedProgram = { ...program, programId: createdProgram.id, stampsPerReward: 6 };
    for (const session of [employee, hr, kiosk]) {
      expect((await failure(api(session).loyalty.updateStampProgram(editedProgram))).code).toBe("FORBIDDEN");
    }
    expect((await failure(api(manager).loyalty.updateStampProgram({ ...editedProgram, stampsPerReward: 0 }))).code).toBe("BAD_REQUEST");
    expect(await api(manager).loyalty.updateStampProgram(editedProgram)).toMatchObject({ stampsPerReward: 6, storeId: manager.storeId });
    expect((await api(manager).loyalty.stampPrograms()).find((row) => row.id === createdProgram.id)?.stampsPerReward).toBe(6);
  });

  it("HR hands a coupon to one employee by email; the employee sees it, and only their own", async () => {
    const done = await api(hr).loyalty.handOut({
      target: { kind: "employee", email: "employee09@canteen.dev" },
      reason: "생일",
      nameKo: "생일 쿠폰",
      nameEn: "Birthday coupon",
      maxValue: 4_500,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    expect(done.count).toBe(1);
    const mine = await api(employee).loyalty.myCoupons();
    expect(mine.usable).toEqual([expect.objectContaining({ nameKo: "생일 쿠폰", maxValue: 4_500n, storeId: null })]);
    const other = await sessionOf("employee10@canteen.dev");
    expect((await api(other).loyalty.myCoupons()).usable).toEqual([]);
    expect((await failure(api(employee).loyalty.handouts())).code).toBe("FORBIDDEN");
    expect((await failure(api(kiosk).loyalty.myCoupons())).code).toBe("FORBIDDEN");
    expect((await api(hr).loyalty.employeeStamps({ email: "employee09@canteen.dev" })).history).toEqual([]);
    expect((await failure(api(employee).loyalty.employeeStamps({ email: "employee09@canteen.dev" }))).code).toBe("FORBIDDEN");
    expect((await failure(api(hr).loyalty.employeeStamps({ email: "nobody@canteen.dev" }))).code).toBe("NOT_FOUND");
  });
});
