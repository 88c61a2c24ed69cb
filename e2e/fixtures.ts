import { readFileSync } from "node:fs";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import postgres from "postgres";
import { DEMO_PASSWORD } from "../db/seed-data";
import { E2E_DATABASE_FILE } from "./database-file";

export const accounts = {
  employee: "employee01@canteen.dev",
  barista: "kiosk.cafe@canteen.dev",
  store_manager: "manager@canteen.dev",
  hr_admin: "hr@canteen.dev",
} as const;
export type Role = keyof typeof accounts;

export const devices = {
  kiosk: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
  desktop: { width: 1440, height: 900 },
} as const;

/**
 * Signs a browser context in through the Auth.js endpoint with its CSRF token, as the
 * sign-in form would, without typing (the form itself has its own test).
 */
export async function signInAs(context: BrowserContext, email: string, password = DEMO_PASSWORD) {
  const csrf = await context.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in of ${email}`).toBe(302);
  expect(response.headers().location ?? "").not.toContain("error");
}

export async function signInWithForm(page: Page, email: string, password: string) {
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호").fill(password);
  await page.getByRole("button", { name: "로그인", exact: true }).click();
}

/** Direct access to the e2e database, for arranging what no screen offers yet. */
export function e2eDatabase() {
  return postgres(readFileSync(E2E_DATABASE_FILE, "utf8").trim(), { max: 1, onnotice: () => {} });
}

export const test = base;
export { expect };
