import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { mealAllowanceFor } from "./meal-allowance";
import { monthRange } from "./period";

/** Tax-free up to the cap, the rest taxable; never a negative part. */
export function splitAllowance(net: bigint, cap: bigint) {
  const taxFree = net <= 0n ? 0n : net < cap ? net : cap;
  return { taxFree, taxable: net - taxFree };
}

export type TaxReport = Awaited<ReturnType<typeof monthlyTaxReport>>;

/**
 * Per employee, the meal-voucher value used in a month (orders of that month's business days,
 * net of refunds, the same uses as the settlement) split into the tax-free meal allowance and
 * the taxable rest, for payroll. Read from the per employee × month rollup the payment and
 * refund transactions keep (migration 0016).
 */
export async function monthlyTaxReport(args: { tx: DbOrTx; input: { month: string } }) {
  const { tx, input } = args;
  const range = monthRange(input.month);
  const [allowance, rows] = await Promise.all([
    mealAllowanceFor(tx, input.month),
    tx.execute(sql`
      select u.id, u.employee_no, u.name, u.email, u.status::text as status, d.name_ko as department_ko, d.name_en as department_en,
             use.uses, use.paid, use.refunded
        from (select payer_id, uses, paid::text as paid, refunded::text as refunded
                from report_voucher_use_monthly
               where month = ${range.from}::date and uses > 0) use
        join users u on u.id = use.payer_id
        left join departments d on d.id = u.department_id
       order by u.employee_no nulls last, u.name`) as unknown as Promise<
      {
        id: string;
        employee_no: string | null;
        name: string;
        email: string;
        status: string;
        department_ko: string | null;
        department_en: string | null;
        uses: number;
        paid: string;
        refunded: string;
      }[]
    >,
  ]);
  const employees = rows.map((row) => {
    const paid = BigInt(row.paid);
    const refunded = BigInt(row.refunded);
    const net = paid - refunded;
    return {
      employeeId: row.id,
      employeeNo: row.employee_no,
      name: row.name,
      email: row.email,
      status: row.status,
      departmentKo: row.department_ko,
      departmentEn: row.department_en,
      uses: row.uses,
      paid,
      refunded,
      net,
      ...splitAllowance(net, allowance.amount),
    };
  });
  const total = employees.reduce(
    (sum, row) => ({ net: sum.net + row.net, taxFree: sum.taxFree + row.taxFree, taxable: sum.taxable + row.taxable, paid: sum.paid + row.paid, refunded: sum.refunded + row.refunded }),
    { net: 0n, taxFree: 0n, taxable: 0n, paid: 0n, refunded: 0n },
  );
  return { month: input.month, allowance, employees, total, overCap: employees.filter((row) => row.taxable > 0n).length };
}
