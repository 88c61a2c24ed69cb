import type { PolicyCategoryChoice } from "@/server/domain/vouchers/policies";

/** A policy version's categories in one line for lists: "All", or "HQ Cafe: Bakery, Coffee · Cafeteria: Korean". */
export function categorySummary(ids: readonly string[] | null, choices: readonly PolicyCategoryChoice[], locale: string, allLabel: string) {
  if (ids === null) return allLabel;
  const chosen = choices.filter((choice) => ids.includes(choice.id));
  const byStore = new Map<string, string[]>();
  for (const choice of chosen) {
    const store = locale === "ko" ? choice.storeNameKo : choice.storeNameEn;
    byStore.set(store, [...(byStore.get(store) ?? []), locale === "ko" ? choice.nameKo : choice.nameEn]);
  }
  return [...byStore.entries()].map(([store, names]) => `${store}: ${names.join(", ")}`).join(" · ");
}
