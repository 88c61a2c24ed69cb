import { accounts, e2eDatabase, expect, signInAs, test } from "../fixtures";

/** Mutations are refused unless they are JSON from the app's own origin, even with a valid session cookie. */
test.describe("tRPC mutations over HTTP", () => {
  let itemId: string;
  test.beforeAll(async () => {
    const sql = e2eDatabase();
    const [item] = await sql`select id from menu_items where code = 'scone'`;
    itemId = String(item?.id);
    await sql.end();
  });

  test("refuse a text/plain or cross-origin post and change nothing", async ({ context, baseURL }) => {
    await signInAs(context, accounts.barista);
    const body = JSON.stringify({ json: { itemId, soldOut: true } });
    const url = "/api/trpc/menu.setSoldOut";

    const plain = await context.request.post(url, { data: body, headers: { "content-type": "text/plain", origin: baseURL ?? "" } });
    expect(plain.status()).toBe(403);
    const form = await context.request.post(url, { form: { json: body } });
    expect(form.status()).toBe(403);
    const crossSite = await context.request.post(url, {
      data: body,
      headers: { "content-type": "application/json", origin: "https://evil.example" },
    });
    expect(crossSite.status()).toBe(403);

    const sql = e2eDatabase();
    const [row] = await sql`select is_sold_out from menu_items where id = ${itemId}`;
    expect(row?.is_sold_out).toBe(false);

    const sameOrigin = await context.request.post(url, {
      data: body,
      headers: { "content-type": "application/json", origin: baseURL ?? "" },
    });
    expect(sameOrigin.status()).toBe(200);
    const [after] = await sql`select is_sold_out from menu_items where id = ${itemId}`;
    expect(after?.is_sold_out).toBe(true);
    await sql`update menu_items set is_sold_out = false where id = ${itemId}`;
    await sql.end();
  });

  test("refuse a caller without the role, with a shaped error", async ({ context, baseURL }) => {
    await signInAs(context, accounts.employee);
    const response = await context.request.post("/api/trpc/menu.setSoldOut", {
      data: JSON.stringify({ json: { itemId, soldOut: true } }),
      headers: { "content-type": "application/json", origin: baseURL ?? "" },
    });
    expect(response.status()).toBe(403);
    const body = await response.json();
    expect(body.error.json.data.code).toBe("FORBIDDEN");
  });

  test("report bad input field by field", async ({ context, baseURL }) => {
    await signInAs(context, accounts.barista);
    const response = await context.request.post("/api/trpc/menu.setSoldOut", {
      data: JSON.stringify({ json: { itemId: "not-a-uuid", soldOut: "yes" } }),
      headers: { "content-type": "application/json", origin: baseURL ?? "" },
    });
    expect(response.status()).toBe(400);
    const { data } = (await response.json()).error.json;
    expect(Object.keys(data.fieldErrors).sort()).toEqual(["itemId", "soldOut"]);
  });
});

test("health reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
  expect(response.headers()["x-request-id"]).toBeTruthy();
});
