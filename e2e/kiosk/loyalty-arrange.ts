import { readFileSync } from "node:fs";
import { connect } from "../../db/client";
import { creditWalletFromPg } from "../../server/domain/payments/top-up";
import { generatePayCode, newDeviceSecret } from "../../lib/paycode";
import { E2E_DATABASE_FILE } from "../database-file";
import { e2eDatabase } from "../fixtures";

/** Money in an employee's wallet, booked through the domain as a card top-up would be. */
export async function fundWallet(email: string, amount: bigint) {
  const database = connect(readFileSync(E2E_DATABASE_FILE, "utf8").trim(), { max: 1 });
  try {
    const rows = await database.sql<{ id: string }[]>`select id from users where email = ${email}`;
    const employee = rows[0];
    if (!employee) throw new Error(`no user ${email}`);
    await database.db.transaction((tx) => creditWalletFromPg({ tx, input: { employeeId: employee.id, amount, memo: "e2e top-up" } }));
  } finally {
    await database.close();
  }
}

/**
 * A stamp program of the cafe on one item no other spec sells (자몽에이드), so other specs'
 * receipts never show stamps; made once however often the spec runs. The employee starts at
 * `balance` stamps, as if they had bought that many before.
 */
export async function stampProgramWith(email: string, balance: number) {
  const sql = e2eDatabase();
  try {
    const [item] = await sql<{ id: string; store_id: string }[]>`
      select i.id, i.store_id from menu_items i join stores s on s.id = i.store_id where s.code = 'hq-cafe' and i.code = 'grapefruit-ade'`;
    if (!item) throw new Error("no grapefruit-ade");
    let [program] = await sql<{ id: string }[]>`select id from stamp_programs where name_en = 'E2E grapefruit stamps'`;
    if (!program) {
      [program] = await sql<{ id: string }[]>`
        insert into stamp_programs (store_id, name_ko, name_en, item_ids, stamps_per_reward, reward_max_value, reward_item_ids, starts_at)
        values (${item.store_id}, '자몽 스탬프', 'E2E grapefruit stamps', ${[item.id]}::uuid[], 10, 4500, ${[item.id]}::uuid[], now() - interval '1 day')
        returning id`;
    }
    if (!program) throw new Error("no program");
    await sql`
      insert into stamp_cards (program_id, user_id, balance)
      select ${program.id}, id, ${balance} from users where email = ${email}
      on conflict (program_id, user_id) do update set balance = excluded.balance`;
    return program.id;
  } finally {
    await sql.end();
  }
}

export async function couponsOf(email: string) {
  const sql = e2eDatabase();
  try {
    return await sql<{ id: string; status: string; source: string; used_order_id: string | null }[]>`
      select c.id, c.status::text, c.source::text, c.used_order_id from coupons c join users u on u.id = c.user_id
      where u.email = ${email} order by c.created_at`;
  } finally {
    await sql.end();
  }
}

/**
 * A registered phone whose codes can be taken one 30 s step ahead: a code is refused once
 * used, so a second payment within the same step shows the next step's code (accepted, as a
 * phone whose clock runs a little fast would show it).
 */
export async function phoneOf(email: string) {
  const sql = e2eDatabase();
  try {
    const secret = newDeviceSecret();
    const [device] = await sql<{ device_no: number }[]>`
      insert into pay_devices (user_id, label, secret)
      select id, 'e2e stamps phone', ${secret} from users where email = ${email}
      returning device_no`;
    if (!device) throw new Error(`no user ${email}`);
    return { code: (stepsAhead = 0) => generatePayCode({ secret, deviceNo: device.device_no, now: new Date(Date.now() + stepsAhead * 30_000) }) };
  } finally {
    await sql.end();
  }
}
