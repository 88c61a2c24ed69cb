/**
 * `npm run bench:import`: a 10,000-row employee import (CSV, then the same people as XLSX) on a
 * throwaway embedded PostgreSQL: read, preview, confirm (one transaction), and the re-import that
 * must change nothing. Figures, not a test.
 */
import { sql } from "drizzle-orm";
import { users } from "../db/schema";
import { confirmImport } from "../server/domain/people/import/confirm";
import { planImport } from "../server/domain/people/import/plan";
import { readImportFile } from "../server/domain/people/import/read-file";
import { asCsv, asXlsx, generatedEmployees } from "../test/people-files";
import { cleanUp, parseFlags, startThrowawayDatabase } from "./bench-lib";

const flags = parseFlags({ rows: 10_000 });
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  console.log("starting a throwaway PostgreSQL…");
  const { database } = await startThrowawayDatabase();
  const { db } = database;
  const [hr] = await db.select({ id: users.id }).from(users).where(sql`${users.email} = 'hr@canteen.dev'`);
  if (!hr) throw new Error("seed has no HR admin");

  const lines: string[] = [];
  let ok = true;
  for (const [format, prefix] of [["csv", "C"], ["xlsx", "X"]] as const) {
    const table = generatedEmployees(flags.rows, prefix);
    const bytes = format === "csv" ? asCsv(table) : await asXlsx(table);
    const fileName = `bench.${format}`;
    const timed = async <T>(run: () => Promise<T>) => {
      const started = performance.now();
      const value = await run();
      return { value, ms: performance.now() - started };
    };
    const read = await timed(() => readImportFile({ fileName, bytes }));
    const preview = await timed(() => planImport({ tx: db, input: read.value }));
    const confirm = await timed(() =>
      db.transaction((tx) => confirmImport({ tx, input: { file: read.value, fingerprint: preview.value.fingerprint, actorId: hr.id, fileName, fileSha256: format } })),
    );
    const again = await timed(async () => {
      const file = await readImportFile({ fileName, bytes });
      const plan = await planImport({ tx: db, input: file });
      return db.transaction((tx) => confirmImport({ tx, input: { file, fingerprint: plan.fingerprint, actorId: hr.id, fileName, fileSha256: format } }));
    });
    ok &&= confirm.value.created === flags.rows && again.value.created === 0 && again.value.updated === 0;
    lines.push(
      `| ${format} (${(bytes.byteLength / 1024).toFixed(0)} KB) | ${seconds(read.ms)} | ${seconds(preview.ms)} | ${seconds(confirm.ms)} (${confirm.value.created} created) | ${seconds(again.ms)} (${again.value.created} created, ${again.value.updated} changed) |`,
    );
  }
  console.log(`\n${flags.rows} rows per file\n`);
  console.log("| file | read | preview | confirm | re-import (read + preview + confirm) |\n|---|---|---|---|---|");
  for (const line of lines) console.log(line);
  if (!ok) {
    console.error("unexpected counts");
    process.exitCode = 1;
  }
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
