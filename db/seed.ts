import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "./client";
import {
  departments,
  menuCategories,
  menuItemOptionGroups,
  menuItems,
  optionChoices,
  optionGroups,
  stores,
  users,
} from "./schema";
import {
  cafeMenu,
  cafeOptionGroups,
  cafeteriaMenu,
  cafeteriaOptionGroups,
  DEMO_MANAGER_PIN,
  DEMO_PASSWORD,
  demoDepartments,
  demoEmployees,
  demoStaff,
  demoStores,
} from "./seed-data";
import { hashPassword } from "../server/auth/password";
import { ensureSystemAccounts, ensureWallets } from "../server/domain/ledger/accounts";


/**
 * Creates whatever demo data is missing and never changes what exists, so running it
 * again (or after a manager edited the menu) leaves the database as it was.
 */
export async function seed(db: Db) {
  const [passwordHash, pinHash] = await Promise.all([hashPassword(DEMO_PASSWORD), hashPassword(DEMO_MANAGER_PIN)]);
  await db.transaction(async (tx) => {
    await tx.insert(stores).values([...demoStores]).onConflictDoNothing();
    await tx.insert(departments).values([...demoDepartments]).onConflictDoNothing();
    const storeIds = new Map((await tx.select().from(stores)).map((s) => [s.code, s.id]));
    const departmentIds = new Map((await tx.select().from(departments)).map((d) => [d.code, d.id]));

    for (const [storeCode, groups, menu] of [
      ["hq-cafe", cafeOptionGroups, cafeMenu],
      ["cafeteria", cafeteriaOptionGroups, cafeteriaMenu],
    ] as const) {
      const storeId = storeIds.get(storeCode);
      if (!storeId) throw new Error(`seed: store ${storeCode} missing`);
      const groupIds = new Map<string, string>();
      for (const group of groups) {
        const { choices, ...fields } = group;
        await tx.insert(optionGroups).values({ ...fields, storeId }).onConflictDoNothing();
        const [row] = await tx
          .select({ id: optionGroups.id })
          .from(optionGroups)
          .where(and(eq(optionGroups.storeId, storeId), eq(optionGroups.code, group.code)));
        if (!row) throw new Error(`seed: option group ${group.code} missing`);
        groupIds.set(group.code, row.id);
        await tx
          .insert(optionChoices)
          .values(
            choices.map((choice, index) => ({
              ...choice,
              isDefault: choice.isDefault ?? false,
              priceDelta: BigInt(choice.priceDelta),
              groupId: row.id,
              sortOrder: index,
            })),
          )
          .onConflictDoNothing();
      }

      for (const [categoryIndex, category] of menu.entries()) {
        const { items, ...fields } = category;
        await tx
          .insert(menuCategories)
          .values({ ...fields, storeId, sortOrder: categoryIndex })
          .onConflictDoNothing();
        const [categoryRow] = await tx
          .select({ id: menuCategories.id })
          .from(menuCategories)
          .where(and(eq(menuCategories.storeId, storeId), eq(menuCategories.code, category.code)));
        if (!categoryRow) throw new Error(`seed: category ${category.code} missing`);
        for (const [itemIndex, item] of items.entries()) {
          const inserted = await tx
            .insert(menuItems)
            .values({
              storeId,
              categoryId: categoryRow.id,
              code: item.code,
              nameKo: item.nameKo,
              nameEn: item.nameEn,
              price: BigInt(item.price),
              imagePath: `/menu/${category.code}.svg`,
              sortOrder: itemIndex,
            })
            .onConflictDoNothing()
            .returning({ id: menuItems.id });
          const itemId = inserted[0]?.id;
          // Option links are only created with the item, so an edited menu is left alone.
          if (itemId && item.groups.length > 0) {
            await tx.insert(menuItemOptionGroups).values(
              item.groups.map((code, index) => {
                const groupId = groupIds.get(code);
                if (!groupId) throw new Error(`seed: option group ${code} missing`);
                return { itemId, groupId, sortOrder: index };
              }),
            );
          }
        }
      }
    }

    await tx
      .insert(users)
      .values(
        demoStaff.map((staff) => ({
          email: staff.email,
          name: staff.name,
          role: staff.role,
          passwordHash,
          storeId: staff.storeCode ? storeIds.get(staff.storeCode) : null,
        })),
      )
      .onConflictDoNothing();
    // The demo managers' kiosk PIN, only where none is set (a database seeded before PINs
    // existed gets one; a PIN someone chose is never overwritten).
    await tx
      .update(users)
      .set({ pinHash })
      .where(
        and(
          inArray(users.email, demoStaff.filter((staff) => staff.role === "store_manager").map((staff) => staff.email)),
          eq(users.role, "store_manager"),
          isNull(users.pinHash),
        ),
      );
    await tx
      .insert(users)
      .values(
        demoEmployees().map((employee) => ({
          email: employee.email,
          name: employee.name,
          role: "employee" as const,
          passwordHash,
          employeeNo: employee.employeeNo,
          departmentId: departmentIds.get(employee.departmentCode),
          hiredOn: employee.hiredOn,
        })),
      )
      .onConflictDoNothing();

    await ensureSystemAccounts(tx, [...storeIds.values()]);
    const employees = await tx.select({ id: users.id }).from(users).where(eq(users.role, "employee"));
    await ensureWallets(tx, employees.map((employee) => employee.id));
  });
}

export async function isEmpty(db: Db) {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(stores);
  return (row?.count ?? 0) === 0;
}
