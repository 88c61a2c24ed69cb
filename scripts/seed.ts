import { connect } from "../db/client";
import { runMigrations } from "../db/migrate";
import { seed } from "../db/seed";
import { localDatabase } from "./local-database";

const database = await localDatabase();
try {
  await runMigrations(database.url);
  const { db, close } = connect(database.url, { max: 2 });
  await seed(db);
  await close();
  console.log("demo data is in place");
} finally {
  await database.stop();
}
