import { readFileSync } from "node:fs";
import { connect } from "../../db/client";
import { generatePayCode, newDeviceSecret } from "../../lib/paycode";
import { grantVoucher } from "../../server/domain/vouchers/grants";
import { E2E_DATABASE_FILE } from "../database-file";
import { e2eDatabase } from "../fixtures";

/**
 * Arranging what no screen offers yet, for the kiosk's payment specs: a kiosk account of a
 * spec's own (the sandbox card terminal is one per kiosk account, so a spec that chooses its
 * next outcome never changes another spec's charge), a registered phone, a meal voucher.
 */
export async function newKioskAccount(label: string) {
  const email = `kiosk.e2e-${label}-${crypto.randomUUID().slice(0, 8)}@canteen.dev`;
  const sql = e2eDatabase();
  try {
    // The demo kiosk's store and password hash: it signs in with the demo password.
    const rows = await sql`
      insert into users (email, name, password_hash, role, store_id)
      select ${email}, ${`E2E ${label} 키오스크`}, password_hash, role, store_id from users where email = 'kiosk.cafe@canteen.dev'
      returning id`;
    if (rows.length !== 1) throw new Error("no demo kiosk to copy");
  } finally {
    await sql.end();
  }
  return email;
}

/** An employee's phone registered for pay codes. */
export async function registerPhone(email: string) {
  const sql = e2eDatabase();
  try {
    const secret = newDeviceSecret();
    const [device] = await sql<{ device_no: number }[]>`
      insert into pay_devices (user_id, label, secret)
      select id, 'e2e kiosk phone', ${secret} from users where email = ${email}
      returning device_no`;
    if (!device) throw new Error(`no user ${email}`);
    return { code: () => generatePayCode({ secret, deviceNo: device.device_no, now: new Date() }) };
  } finally {
    await sql.end();
  }
}

/**
 * A meal voucher usable now at every store (for every menu category unless some are named),
 * granted through the domain so the company budget pays for it in the ledger as HR's
 * allocation would.
 */
export async function giveVoucher(email: string, amount: bigint, options: { categoryIds?: string[] } = {}) {
  const database = connect(readFileSync(E2E_DATABASE_FILE, "utf8").trim(), { max: 1 });
  try {
    const rows = await database.sql<{ id: string; name: string }[]>`select id, name from users where email = ${email}`;
    const employee = rows[0];
    if (!employee) throw new Error(`no user ${email}`);
    const now = Date.now();
    await database.db.transaction((tx) =>
      grantVoucher({
        tx,
        input: {
          employeeId: employee.id,
          meal: "lunch",
          amount,
          validFrom: new Date(now - 3_600_000),
          validUntil: new Date(now + 12 * 3_600_000),
          ...(options.categoryIds ? { categoryIds: options.categoryIds } : {}),
        },
      }),
    );
  } finally {
    await database.close();
  }
}

/** What the database holds for orders one kiosk account created. */
export async function ordersBy(email: string) {
  const sql = e2eDatabase();
  try {
    return await sql<{ id: string; status: string; total: string; pickup_number: number }[]>`
      select o.id, o.status::text, o.total::text, o.pickup_number from orders o join users u on u.id = o.created_by
      where u.email = ${email} order by o.created_at`;
  } finally {
    await sql.end();
  }
}

export async function tendersOf(orderId: string) {
  const sql = e2eDatabase();
  try {
    return await sql<{ kind: string; amount: string; reference: string | null; payer: string | null }[]>`
      select t.kind::text, t.amount::text, t.reference, u.name as payer
      from payment_tenders t left join users u on u.id = t.payer_id
      where t.order_id = ${orderId} order by t.sequence`;
  } finally {
    await sql.end();
  }
}

export async function nameOf(email: string) {
  const sql = e2eDatabase();
  try {
    const [row] = await sql<{ name: string }[]>`select name from users where email = ${email}`;
    if (!row) throw new Error(`no user ${email}`);
    return row.name;
  } finally {
    await sql.end();
  }
}
