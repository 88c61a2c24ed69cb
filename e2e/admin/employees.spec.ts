import { readFile } from "node:fs/promises";
import { devices, expect, signInAs, test } from "../fixtures";

test.use({ viewport: devices.desktop });

const shot = (name: string) => ({ path: `test-results/screens/admin-employees-${name}.png` });

const CSV = [
  "사번,이름,이메일,부서,입사일",
  "P8001,강하늘,p8001@canteen.dev,개발팀,2026-03-02",
  "P8002,윤바다,not-an-email,디자인팀,",
  "P8003,서가람,p8003@canteen.dev,없는팀,",
  "",
  "P8004,노을빛,p8004@canteen.dev,영업팀,2026-04-01",
  "P8001,중복사번,p8001b@canteen.dev,영업팀,",
  "P8005,한가위,p8005@canteen.dev,인사팀,2026-05-06",
].join("\r\n");

test("HR imports employees from a CSV with bad rows, edits one, marks one as left and exports the table", async ({ page, context }) => {
  await signInAs(context, "hr@canteen.dev");
  await page.goto("/admin/employees");
  await expect(page.getByTestId("employees-table")).toBeVisible();
  await expect(page.getByTestId("wallet-balance").first()).toHaveText(/원$/);
  await page.screenshot(shot("1-table"));

  await page.getByTestId("open-import").click();
  const dialog = page.getByTestId("import-dialog");
  await dialog.getByTestId("import-file").setInputFiles({ name: "new-hires.csv", mimeType: "text/csv", buffer: Buffer.from(`\ufeff${CSV}`, "utf8") });
  await expect(dialog.getByTestId("import-summary")).toHaveText("6행: 새 직원 2, 변경 0, 변경 없음 0, 오류 4");
  const line = (n: number) => dialog.locator(`tr[data-line="${n}"]`);
  await expect(line(2)).toHaveAttribute("data-action", "error");
  await expect(line(2)).toContainText("사번 P8001이(가) 파일의 7번째 줄에도 있습니다.");
  await expect(line(3)).toContainText("이메일 ‘not-an-email’이(가) 올바르지 않습니다.");
  await expect(line(4)).toContainText("부서 ‘없는팀’을(를) 찾을 수 없습니다.");
  await expect(line(6)).toHaveAttribute("data-action", "create");
  await expect(line(8)).toHaveAttribute("data-action", "create");
  await expect(dialog.getByText("빈 줄 1개는 건너뜁니다.")).toBeVisible();
  await page.screenshot(shot("2-import-preview"));

  await dialog.getByTestId("import-confirm").click();
  await expect(dialog.getByTestId("import-result")).toHaveText("반영했습니다: 새 직원 2, 변경 0, 변경 없음 0, 건너뜀 4.");
  await dialog.getByRole("button", { name: "닫기" }).click();

  await page.getByPlaceholder("이름, 이메일, 사번으로 검색").fill("P800");
  await page.getByRole("button", { name: "검색", exact: true }).click();
  const rows = page.getByTestId("employees-table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("노을빛");
  await expect(rows.nth(1)).toContainText("한가위");

  // Edit: a taken e-mail is refused on its field, then a real change is saved.
  await rows.nth(1).getByTestId("edit-employee").click();
  const edit = page.locator("dialog[open]");
  await expect(edit.getByLabel("이름")).toHaveValue("한가위");
  await edit.getByLabel("이메일").fill("employee01@canteen.dev");
  await edit.getByRole("button", { name: "저장" }).click();
  await expect(edit.getByTestId("field-error-email")).toHaveText("이 이메일은 다른 사람이 쓰고 있습니다.");
  await page.screenshot(shot("3-edit-dialog"));
  await edit.getByLabel("이메일").fill("p8005@canteen.dev");
  await edit.getByLabel("이름").fill("한가위달");
  await edit.getByRole("button", { name: "저장" }).click();
  await expect(edit).toBeHidden();
  await expect(rows.nth(1)).toContainText("한가위달");

  // Leave: the wallet to refund is shown, the status becomes 퇴사.
  await rows.nth(0).getByTestId("employee-menu").click();
  await rows.nth(0).getByTestId("mark-left").click();
  await expect(page.getByTestId("leave-wallet")).toHaveText("0원");
  await page.screenshot(shot("4-leave-dialog"));
  await page.getByTestId("leave-form").getByRole("button", { name: "퇴사 처리" }).click();
  await expect(page.getByTestId("row-notice")).toContainText("퇴사 처리했습니다.");
  await expect(rows.nth(0)).toContainText("퇴사");

  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-csv").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^employees-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8").split("\r\n");
  expect(text[0]).toBe("사번,이름,이메일,부서,입사일,상태,지갑 잔액,이번 달 지급,이번 달 사용");
  // The export follows the table's search: just the two imported people.
  expect(text.filter((lineText) => lineText !== "")).toHaveLength(3);
  expect(text[1]).toContain("P8004,노을빛,p8004@canteen.dev,영업팀,2026-04-01,퇴사,0,0,0");
});
