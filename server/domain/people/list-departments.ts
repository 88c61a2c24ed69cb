import { asc } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { departments } from "@/db/schema";

export function listDepartments(args: { tx: DbOrTx }) {
  return args.tx.select().from(departments).orderBy(asc(departments.nameKo));
}
