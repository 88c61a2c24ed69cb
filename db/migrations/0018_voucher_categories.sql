ALTER TABLE "voucher_policy_versions" ADD COLUMN "category_ids" uuid[];--> statement-breakpoint
ALTER TABLE "voucher_grants" ADD COLUMN "category_ids" uuid[];
