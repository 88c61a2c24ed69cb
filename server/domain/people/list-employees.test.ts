import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { listEmployees, type ListEmployeesInput } from "./list-employees";

const base: ListEmployeesInput = { sort: "employeeNo", direction: "asc", page: 1, pageSize: 25 };

describe("listEmployees", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.db);
  });
  afterAll(() => database.close());

  it("pages through employees only, in order", async () => {
    const first = await listEmployees({ tx: database.db, input: base });
    expect(first.total).toBe(50);
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0]?.employeeNo).toBe("E1001");
    const second = await listEmployees({ tx: database.db, input: { ...base, page: 2 } });
    expect(second.rows[0]?.employeeNo).toBe("E1026");
    const descending = await listEmployees({ tx: database.db, input: { ...base, direction: "desc" } });
    expect(descending.rows[0]?.employeeNo).toBe("E1050");
  });

  it("searches by name, email or number, treating wildcards literally", async () => {
    const byNumber = await listEmployees({ tx: database.db, input: { ...base, search: "E1007" } });
    expect(byNumber.rows.map((r) => r.employeeNo)).toEqual(["E1007"]);
    const byEmail = await listEmployees({ tx: database.db, input: { ...base, search: "employee12@" } });
    expect(byEmail.total).toBe(1);
    const wildcard = await listEmployees({ tx: database.db, input: { ...base, search: "%" } });
    expect(wildcard.total).toBe(0);
  });

  it("filters by status", async () => {
    await database.sql`update users set status = 'suspended' where employee_no = 'E1003'`;
    const suspended = await listEmployees({ tx: database.db, input: { ...base, status: "suspended" } });
    expect(suspended.rows.map((r) => r.employeeNo)).toEqual(["E1003"]);
  });
});
