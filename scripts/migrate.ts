import { runMigrations } from "../db/migrate";
import { localDatabase } from "./local-database";

const database = await localDatabase();
try {
  await runMigrations(database.url);
  console.log("migrations applied");
} finally {
  await database.stop();
}
