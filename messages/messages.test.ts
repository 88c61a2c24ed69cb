import { describe, expect, it } from "vitest";
import { messageParts, messages } from "./index";

const { ko, en } = messages;

function keys(node: unknown, prefix = ""): string[] {
  if (typeof node !== "object" || node === null) return [prefix];
  return Object.entries(node).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: string) {
  return [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
}

describe("UI text", () => {
  it("never defines the same key in two files", () => {
    for (const parts of Object.values(messageParts)) {
      const seen = new Set<string>();
      for (const part of parts) {
        for (const key of keys(part)) {
          expect(seen.has(key), key).toBe(false);
          seen.add(key);
        }
      }
    }
  });

  it("has every Korean message in English too, and no extra ones", () => {
    expect(keys(en).sort()).toEqual(keys(ko).sort());
  });

  it("uses the same placeholders in both languages", () => {
    const lookup = (root: unknown, path: string) =>
      path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], root);
    for (const key of keys(ko)) {
      expect(placeholders(String(lookup(en, key))), key).toEqual(placeholders(String(lookup(ko, key))));
    }
  });
});

describe("error messages", () => {
  it("has Korean and English text for every message key the domain throws", async () => {
    const { readdirSync, readFileSync, statSync } = await import("node:fs");
    const path = await import("node:path");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (full.endsWith(".ts") && !full.endsWith(".test.ts")) files.push(full);
      }
    };
    walk(path.resolve(import.meta.dirname, "../server"));
    const patterns = [
      /(?:DomainError|PayCodeRejected|ManagerPinRejected)\(\s*"[A-Z_]+",\s*"(\w+)"/g,
      /\bfail\(\s*"[A-Z_]+",\s*"(\w+)"/g,
      /\binvalid\(\s*"(\w+)"/g,
      /\bnotFound\(\s*"(\w+)"/g,
    ];
    const thrown = new Set<string>(["insufficientBalance", "cashShort"]);
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      for (const pattern of patterns) for (const match of source.matchAll(pattern)) if (match[1]) thrown.add(match[1]);
    }
    expect(thrown.size).toBeGreaterThan(20);
    for (const key of thrown) {
      expect((ko.errors as Record<string, string>)[key], `ko errors.${key}`).toBeTruthy();
      expect((en.errors as Record<string, string>)[key], `en errors.${key}`).toBeTruthy();
    }
  });
});
