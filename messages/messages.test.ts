import { describe, expect, it } from "vitest";
import ko from "./ko.json";
import en from "./en.json";

function keys(node: unknown, prefix = ""): string[] {
  if (typeof node !== "object" || node === null) return [prefix];
  return Object.entries(node).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: string) {
  return [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
}

describe("UI text", () => {
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
