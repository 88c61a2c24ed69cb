import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { departments, menuCategories, stores, voucherPolicies, voucherPolicyVersions, type Meal } from "@/db/schema";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { businessDate } from "../time";
import type { CreatePolicyInput, PolicyTerms } from "./policy-input";

export const COMPANY_TIME_ZONE = "Asia/Seoul";

type Actor = { actorId: string; requestId?: string | null; now: Date };

const toTime = (clock: string) => `${clock}:00`;

function versionValues(terms: PolicyTerms) {
  return {
    amount: BigInt(terms.amount),
    windowStart: toTime(terms.windowStart),
    windowEnd: toTime(terms.windowEnd),
    weekdays: [...terms.weekdays].sort(),
    includeHolidays: terms.includeHolidays,
    storeIds: terms.storeIds,
    departmentIds: terms.departmentIds,
    categoryIds: terms.categoryIds ?? null,
    dailyCap: terms.dailyCap === null ? null : BigInt(terms.dailyCap),
    monthlyCap: terms.monthlyCap === null ? null : BigInt(terms.monthlyCap),
    groupPaymentAllowed: terms.groupPaymentAllowed,
    unusedValue: terms.unusedValue,
    effectiveFrom: terms.effectiveFrom,
  };
}

/** Stores, departments and menu categories named in a policy must exist; a stale form must not save a dangling id. */
async function checkReferences(tx: DbOrTx, terms: PolicyTerms) {
  if (terms.storeIds) {
    const found = await tx.select({ id: stores.id }).from(stores).where(inArray(stores.id, terms.storeIds));
    if (found.length !== new Set(terms.storeIds).size) throw new DomainError("BAD_REQUEST", "policyUnknownStore", "a chosen store does not exist");
  }
  if (terms.departmentIds) {
    const found = await tx.select({ id: departments.id }).from(departments).where(inArray(departments.id, terms.departmentIds));
    if (found.length !== new Set(terms.departmentIds).size) {
      throw new DomainError("BAD_REQUEST", "policyUnknownDepartment", "a chosen department does not exist");
    }
  }
  if (terms.categoryIds) {
    const found = await tx
      .select({ id: menuCategories.id, storeId: menuCategories.storeId })
      .from(menuCategories)
      .where(inArray(menuCategories.id, terms.categoryIds));
    if (found.length !== new Set(terms.categoryIds).size) {
      throw new DomainError("BAD_REQUEST", "policyUnknownCategory", "a chosen menu category does not exist");
    }
    // A category of a store the policy leaves out could never be paid for: the form hides those, so refuse them here too.
    const storeIds = terms.storeIds;
    if (storeIds && found.some((category) => !storeIds.includes(category.storeId))) {
      throw new DomainError("BAD_REQUEST", "policyCategoryOtherStore", "a chosen menu category belongs to a store the policy does not cover");
    }
  }
}

// A version may not start in the past: allocations already made under the old terms stay as they were.
function checkNotPast(effectiveFrom: string, now: Date) {
  if (effectiveFrom < businessDate(now, COMPANY_TIME_ZONE)) {
    throw new DomainError("BAD_REQUEST", "policyEffectiveInPast", "a policy change cannot take effect before today");
  }
}

export async function createPolicy(args: { tx: DbOrTx; input: CreatePolicyInput & Actor }) {
  const { tx, input } = args;
  checkNotPast(input.terms.effectiveFrom, input.now);
  await checkReferences(tx, input.terms);
  const [policy] = await tx
    .insert(voucherPolicies)
    .values({ name: input.name, meal: input.meal, createdBy: input.actorId })
    .onConflictDoNothing()
    .returning();
  if (!policy) throw new DomainError("CONFLICT", "policyNameTaken", "another policy already has this name");
  const [version] = await tx
    .insert(voucherPolicyVersions)
    .values({ policyId: policy.id, version: 1, createdBy: input.actorId, ...versionValues(input.terms) })
    .returning();
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "voucher_policy.create",
    entityType: "voucher_policy",
    entityId: policy.id,
    after: { policy, version },
    requestId: input.requestId,
  });
  return { policy, version };
}

/**
 * Changes a policy from a date: a new version, in force from `effectiveFrom` on. A version
 * already scheduled for that very date (and not yet in force) is replaced by a newer number;
 * versions never change in place.
 */
export async function changePolicy(args: { tx: DbOrTx; input: { policyId: string; name?: string; terms: PolicyTerms; active?: boolean } & Actor }) {
  const { tx, input } = args;
  const [policy] = await tx.select().from(voucherPolicies).where(eq(voucherPolicies.id, input.policyId)).for("update");
  if (!policy) throw new DomainError("NOT_FOUND", "policyNotFound", "no such voucher policy");
  checkNotPast(input.terms.effectiveFrom, input.now);
  await checkReferences(tx, input.terms);
  const versions = await tx
    .select()
    .from(voucherPolicyVersions)
    .where(eq(voucherPolicyVersions.policyId, policy.id))
    .orderBy(desc(voucherPolicyVersions.version));
  const before = versions.find((v) => v.effectiveFrom <= input.terms.effectiveFrom) ?? versions.at(-1) ?? null;
  if (versions.some((v) => v.effectiveFrom === input.terms.effectiveFrom)) {
    throw new DomainError("CONFLICT", "policyVersionDateTaken", "a version of this policy already starts on that date");
  }
  const [version] = await tx
    .insert(voucherPolicyVersions)
    .values({
      policyId: policy.id,
      version: (versions[0]?.version ?? 0) + 1,
      active: input.active ?? true,
      createdBy: input.actorId,
      ...versionValues(input.terms),
    })
    .returning();
  let renamed = policy;
  if (input.name && input.name !== policy.name) {
    const [row] = await tx
      .update(voucherPolicies)
      .set({ name: input.name })
      .where(and(eq(voucherPolicies.id, policy.id), sql`not exists (select 1 from voucher_policies o where o.name = ${input.name} and o.id <> ${policy.id})`))
      .returning();
    if (!row) throw new DomainError("CONFLICT", "policyNameTaken", "another policy already has this name");
    renamed = row;
  }
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "voucher_policy.change",
    entityType: "voucher_policy",
    entityId: policy.id,
    before: { policy, version: before },
    after: { policy: renamed, version },
    requestId: input.requestId,
  });
  return { policy: renamed, version };
}

export type PolicySummary = {
  id: string;
  name: string;
  meal: Meal;
  current: typeof voucherPolicyVersions.$inferSelect | null;
  upcoming: (typeof voucherPolicyVersions.$inferSelect)[];
  versions: (typeof voucherPolicyVersions.$inferSelect)[];
};

/** Every policy with the version in force today, those scheduled after it, and its whole history. */
export async function listPolicies(args: { tx: DbOrTx; input: { now: Date; policyId?: string } }): Promise<PolicySummary[]> {
  const { tx, input } = args;
  const today = businessDate(input.now, COMPANY_TIME_ZONE);
  const policies = await tx
    .select()
    .from(voucherPolicies)
    .where(input.policyId ? eq(voucherPolicies.id, input.policyId) : undefined)
    .orderBy(asc(voucherPolicies.meal), asc(voucherPolicies.name));
  if (policies.length === 0) return [];
  const versions = await tx
    .select()
    .from(voucherPolicyVersions)
    .where(inArray(voucherPolicyVersions.policyId, policies.map((p) => p.id)))
    .orderBy(desc(voucherPolicyVersions.effectiveFrom));
  return policies.map((policy) => {
    const own = versions.filter((v) => v.policyId === policy.id);
    return {
      id: policy.id,
      name: policy.name,
      meal: policy.meal,
      current: own.find((v) => v.effectiveFrom <= today) ?? null,
      upcoming: own.filter((v) => v.effectiveFrom > today).reverse(),
      versions: own,
    };
  });
}

/** Menu categories a policy may name, store by store, for the policy form and its lists. */
export async function policyCategoryChoices(args: { tx: DbOrTx }) {
  return args.tx
    .select({
      id: menuCategories.id,
      storeId: stores.id,
      storeNameKo: stores.nameKo,
      storeNameEn: stores.nameEn,
      nameKo: menuCategories.nameKo,
      nameEn: menuCategories.nameEn,
      isVisible: menuCategories.isVisible,
    })
    .from(menuCategories)
    .innerJoin(stores, eq(stores.id, menuCategories.storeId))
    .orderBy(asc(stores.code), asc(menuCategories.sortOrder), asc(menuCategories.code));
}

export type PolicyCategoryChoice = Awaited<ReturnType<typeof policyCategoryChoices>>[number];
