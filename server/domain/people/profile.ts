import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { departments, stores, users } from "@/db/schema";
import { notFound } from "../errors";

/** What the signed-in person's own screens show about them. */
export async function loadProfile(args: { tx: DbOrTx; input: { userId: string } }) {
  const [row] = await args.tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      employeeNo: users.employeeNo,
      departmentKo: departments.nameKo,
      departmentEn: departments.nameEn,
      storeId: users.storeId,
      storeKo: stores.nameKo,
      storeEn: stores.nameEn,
      // Printed on top of the kiosk's receipt; set by the store manager.
      receiptHeader: stores.receiptHeader,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(stores, eq(stores.id, users.storeId))
    .where(eq(users.id, args.input.userId));
  if (!row) throw notFound("userNotFound", "user not found");
  return row;
}
