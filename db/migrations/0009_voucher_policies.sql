CREATE TYPE "public"."allocation_run_status" AS ENUM('completed', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."voucher_unused_value" AS ENUM('expire_at_window_end', 'monthly_pool');--> statement-breakpoint
CREATE TABLE "allocation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"policy_ids" uuid[] NOT NULL,
	"status" "allocation_run_status" DEFAULT 'completed' NOT NULL,
	"employee_count" integer DEFAULT 0 NOT NULL,
	"grant_count" integer DEFAULT 0 NOT NULL,
	"total_amount" bigint DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_by" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_grant_count" integer DEFAULT 0 NOT NULL,
	"returned_amount" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "allocation_runs_period" CHECK ("allocation_runs"."period_end" >= "allocation_runs"."period_start")
);
--> statement-breakpoint
CREATE TABLE "public_holidays" (
	"day" date PRIMARY KEY NOT NULL,
	"name_ko" text NOT NULL,
	"name_en" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voucher_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"meal" "meal" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voucher_policies_name_key" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "voucher_policy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"amount" bigint NOT NULL,
	"window_start" time NOT NULL,
	"window_end" time NOT NULL,
	"weekdays" smallint[] NOT NULL,
	"include_holidays" boolean DEFAULT false NOT NULL,
	"store_ids" uuid[],
	"department_ids" uuid[],
	"daily_cap" bigint,
	"monthly_cap" bigint,
	"group_payment_allowed" boolean DEFAULT true NOT NULL,
	"unused_value" "voucher_unused_value" DEFAULT 'expire_at_window_end' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voucher_policy_versions_number_key" UNIQUE("policy_id","version"),
	CONSTRAINT "voucher_policy_versions_effective_key" UNIQUE("policy_id","effective_from"),
	CONSTRAINT "voucher_policy_versions_amount_positive" CHECK ("voucher_policy_versions"."amount" > 0),
	CONSTRAINT "voucher_policy_versions_window" CHECK ("voucher_policy_versions"."window_end" > "voucher_policy_versions"."window_start"),
	CONSTRAINT "voucher_policy_versions_caps" CHECK (("voucher_policy_versions"."daily_cap" is null or "voucher_policy_versions"."daily_cap" > 0) and ("voucher_policy_versions"."monthly_cap" is null or "voucher_policy_versions"."monthly_cap" > 0))
);
--> statement-breakpoint
ALTER TABLE "voucher_grants" ADD COLUMN "policy_version_id" uuid;--> statement-breakpoint
ALTER TABLE "voucher_grants" ADD COLUMN "pooled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "voucher_grants" ADD COLUMN "group_payment_allowed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "allocation_runs" ADD CONSTRAINT "allocation_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_runs" ADD CONSTRAINT "allocation_runs_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_holidays" ADD CONSTRAINT "public_holidays_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_policies" ADD CONSTRAINT "voucher_policies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_policy_versions" ADD CONSTRAINT "voucher_policy_versions_policy_id_voucher_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."voucher_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_policy_versions" ADD CONSTRAINT "voucher_policy_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "allocation_runs_created_idx" ON "allocation_runs" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_grants_allocation_key" ON "voucher_grants" USING btree ("employee_id","service_date","meal","pooled") WHERE "voucher_grants"."allocation_run_id" is not null and "voucher_grants"."status" <> 'revoked';--> statement-breakpoint
CREATE INDEX "voucher_grants_run_idx" ON "voucher_grants" USING btree ("allocation_run_id") WHERE "voucher_grants"."allocation_run_id" is not null;