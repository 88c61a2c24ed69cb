CREATE TABLE "meal_allowance_settings" (
	"effective_month" date PRIMARY KEY NOT NULL,
	"monthly_amount" bigint NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meal_allowance_settings_first_day" CHECK (extract(day from "meal_allowance_settings"."effective_month") = 1),
	CONSTRAINT "meal_allowance_settings_amount" CHECK ("meal_allowance_settings"."monthly_amount" >= 0 and "meal_allowance_settings"."monthly_amount" <= 10000000)
);
--> statement-breakpoint
ALTER TABLE "meal_allowance_settings" ADD CONSTRAINT "meal_allowance_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_business_date_idx" ON "orders" USING btree ("business_date");--> statement-breakpoint
CREATE INDEX "payment_tenders_voucher_order_idx" ON "payment_tenders" USING btree ("order_id") INCLUDE ("amount", "refunded_amount", "grant_id", "payer_id") WHERE "payment_tenders"."kind" = 'voucher';--> statement-breakpoint
CREATE INDEX "voucher_grants_service_date_idx" ON "voucher_grants" USING btree ("service_date") WHERE "voucher_grants"."service_date" is not null;--> statement-breakpoint
CREATE INDEX "voucher_grants_unscheduled_idx" ON "voucher_grants" USING btree ("valid_from") WHERE "voucher_grants"."service_date" is null;
