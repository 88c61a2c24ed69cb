/**
 * `npm run ledger:verify`: re-derives the ledger from its entries and reports any breach.
 * Uses DATABASE_URL, or the embedded database of `npm start` in .data/.
 */
import { connect } from "../db/client";
import { verifyLedger } from "../server/domain/ledger/verify";
import { localDatabase } from "./local-database";

const database = await localDatabase();
const { db, close } = connect(database.url, { max: 4 });
let ok = false;
try {
  const report = await verifyLedger(db);
  ok = report.ok;
  console.log(`ledger: ${report.transfers} transfers, ${report.entries} entries, ${report.accounts} accounts, ${report.paidOrders} paid orders`);
  for (const check of report.checks) {
    console.log(`  ${check.breaches === 0 ? "ok  " : "FAIL"} ${check.name}${check.breaches ? ` — ${check.breaches} breaches` : ""}`);
    for (const example of check.examples) console.log(`         ${example}`);
  }
  console.log(ok ? "ledger is consistent" : "LEDGER BREACHED");
} finally {
  await close();
  await database.stop();
}
process.exit(ok ? 0 : 1);
