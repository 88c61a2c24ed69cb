import { runMigrations } from "../db/migrate";
import { localDatabase } from "./local-database";

// Migrations need a session of their own (advisory lock): DATABASE_DIRECT_URL when DATABASE_URL is a pooler.
const direct = process.env.DATABASE_DIRECT_URL;
const database = direct ? { url: direct, stop: async () => {} } : await localDatabase();
try {
  await runMigrations(database.url);
  console.log("migrations applied");
} finally {
  await database.stop();
}
