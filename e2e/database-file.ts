import path from "node:path";

export const E2E_DATABASE_FILE = path.resolve(".e2e-database");
