import { accounts, e2eDatabase, expect, signInAs, test, type Role } from "../fixtures";

const faces = { kiosk: "barista", pay: "employee", admin: ["hr_admin", "store_manager"] } as const;
const roles = Object.keys(accounts) as Role[];

for (const role of roles) {
  for (const [face, allowed] of Object.entries(faces)) {
    if ((allowed as readonly string[]).includes(role)) continue;
    test(`${role} is refused on /${face} and told why`, async ({ page, context }) => {
      await signInAs(context, accounts[role]);
      await page.goto(`/${face}`);
      await expect(page).toHaveURL(new RegExp(`/login\\?face=${face}&reason=forbidden`));
      await expect(page.getByTestId("login-reason")).toContainText("열 수 없습니다");
    });
  }
}

test("someone not signed in is sent to sign in for each face", async ({ page }) => {
  for (const face of Object.keys(faces)) {
    await page.goto(`/${face}`);
    await expect(page).toHaveURL(new RegExp(`/login\\?face=${face}&reason=signin`));
    await expect(page.getByTestId("login-reason")).toContainText("로그인하세요");
  }
});

test("a suspended employee is signed out on their next request", async ({ page, context }) => {
  const email = "employee30@canteen.dev";
  await signInAs(context, email);
  await page.goto("/pay");
  await expect(page.getByTestId("pay-greeting")).toBeVisible();
  const sql = e2eDatabase();
  try {
    await sql`update users set status = 'suspended' where email = ${email}`;
    await page.reload();
    await expect(page).toHaveURL(/\/login\?face=pay&reason=signin/);
    const me = await context.request.get("/api/trpc/session.me");
    expect((await me.json()).result.data.json).toBeNull();
  } finally {
    await sql`update users set status = 'active' where email = ${email}`;
    await sql.end();
  }
});
