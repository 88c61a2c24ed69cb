-- An allocation writes the days still to come as plans: one row per employee, policy version and
-- meal with the days and their amounts. Each day's grant (with its account and ledger transfer)
-- is made shortly before it is needed, so a month for 10,000 people is ~30,000 rows at execute
-- rather than ~660,000 grants, accounts and entries.
CREATE TABLE "voucher_grant_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"allocation_run_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"policy_id" uuid NOT NULL,
	"policy_version_id" uuid NOT NULL,
	"meal" "meal" NOT NULL,
	"window_start" time NOT NULL,
	"window_end" time NOT NULL,
	"weekdays" smallint[],
	"store_ids" uuid[],
	"category_ids" uuid[],
	"group_payment_allowed" boolean NOT NULL,
	"time_zone" text NOT NULL,
	"days" date[] NOT NULL,
	"amounts" bigint[] NOT NULL,
	"next_day" date,
	"cancelled_from" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voucher_grant_plans_days_amounts" CHECK (cardinality("days") = cardinality("amounts") AND cardinality("days") > 0)
);
--> statement-breakpoint
ALTER TABLE "voucher_grant_plans" ADD CONSTRAINT "voucher_grant_plans_allocation_run_id_allocation_runs_id_fk" FOREIGN KEY ("allocation_run_id") REFERENCES "public"."allocation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_grant_plans" ADD CONSTRAINT "voucher_grant_plans_employee_id_users_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "voucher_grant_plans_pending_employee_idx" ON "voucher_grant_plans" USING btree ("employee_id") WHERE "voucher_grant_plans"."next_day" is not null;--> statement-breakpoint
CREATE INDEX "voucher_grant_plans_pending_day_idx" ON "voucher_grant_plans" USING btree ("next_day") WHERE "voucher_grant_plans"."next_day" is not null;--> statement-breakpoint
CREATE INDEX "voucher_grant_plans_run_idx" ON "voucher_grant_plans" USING btree ("allocation_run_id");
