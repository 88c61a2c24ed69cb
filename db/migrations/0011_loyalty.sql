CREATE TYPE "public"."promotion_kind" AS ENUM('percent', 'fixed');--> statement-breakpoint
CREATE TYPE "public"."coupon_status" AS ENUM('active', 'used', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."coupon_source" AS ENUM('reward', 'handout');--> statement-breakpoint
CREATE TYPE "public"."stamp_event_kind" AS ENUM('earn', 'take_back', 'reward', 'reward_revoked');--> statement-breakpoint
CREATE TABLE "promotions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name_ko" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" "promotion_kind" NOT NULL,
	"value" bigint NOT NULL,
	"item_ids" uuid[] DEFAULT '{}' NOT NULL,
	"category_ids" uuid[] DEFAULT '{}' NOT NULL,
	"store_ids" uuid[] NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"daily_start" time,
	"daily_end" time,
	"weekdays" smallint[] DEFAULT '{1,2,3,4,5,6,7}' NOT NULL,
	"per_person_daily_limit" integer,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by" uuid REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promotions_value" CHECK (("promotions"."kind" = 'percent' and "promotions"."value" between 1 and 100) or ("promotions"."kind" = 'fixed' and "promotions"."value" between 1 and 10000000)),
	CONSTRAINT "promotions_range" CHECK ("promotions"."ends_at" > "promotions"."starts_at"),
	CONSTRAINT "promotions_hours" CHECK (("promotions"."daily_start" is null) = ("promotions"."daily_end" is null) and ("promotions"."daily_start" is null or "promotions"."daily_end" > "promotions"."daily_start")),
	CONSTRAINT "promotions_scope" CHECK (cardinality("promotions"."item_ids") + cardinality("promotions"."category_ids") > 0),
	CONSTRAINT "promotions_limit" CHECK ("promotions"."per_person_daily_limit" is null or "promotions"."per_person_daily_limit" > 0)
);
--> statement-breakpoint
CREATE INDEX "promotions_active_idx" ON "promotions" USING btree ("ends_at") WHERE "promotions"."is_active";--> statement-breakpoint
CREATE TABLE "promotion_uses" (
	"promotion_id" uuid NOT NULL REFERENCES "promotions"("id"),
	"user_id" uuid NOT NULL REFERENCES "users"("id"),
	"business_date" date NOT NULL,
	"quantity" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "promotion_uses_pkey" PRIMARY KEY("promotion_id","user_id","business_date"),
	CONSTRAINT "promotion_uses_quantity" CHECK ("promotion_uses"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stamp_programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL REFERENCES "stores"("id"),
	"name_ko" text NOT NULL,
	"name_en" text NOT NULL,
	"item_ids" uuid[] DEFAULT '{}' NOT NULL,
	"category_ids" uuid[] DEFAULT '{}' NOT NULL,
	"stamps_per_item" integer DEFAULT 1 NOT NULL,
	"stamps_per_reward" integer DEFAULT 10 NOT NULL,
	"earning_tenders" "tender_kind"[] DEFAULT '{wallet,card,cash}' NOT NULL,
	"reward_max_value" bigint NOT NULL,
	"reward_item_ids" uuid[] DEFAULT '{}' NOT NULL,
	"reward_category_ids" uuid[] DEFAULT '{}' NOT NULL,
	"coupon_valid_days" integer DEFAULT 90 NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by" uuid REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stamp_programs_numbers" CHECK ("stamp_programs"."stamps_per_item" between 1 and 100 and "stamp_programs"."stamps_per_reward" between 1 and 1000 and "stamp_programs"."coupon_valid_days" between 1 and 3650 and "stamp_programs"."reward_max_value" between 1 and 10000000),
	CONSTRAINT "stamp_programs_range" CHECK ("stamp_programs"."ends_at" is null or "stamp_programs"."ends_at" > "stamp_programs"."starts_at")
);
--> statement-breakpoint
CREATE INDEX "stamp_programs_store_idx" ON "stamp_programs" USING btree ("store_id");--> statement-breakpoint
CREATE TABLE "stamp_cards" (
	"program_id" uuid NOT NULL REFERENCES "stamp_programs"("id"),
	"user_id" uuid NOT NULL REFERENCES "users"("id"),
	"balance" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stamp_cards_pkey" PRIMARY KEY("program_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "coupon_handouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target" text NOT NULL,
	"target_user_id" uuid REFERENCES "users"("id"),
	"target_department_id" uuid REFERENCES "departments"("id"),
	"reason" text NOT NULL,
	"name_ko" text NOT NULL,
	"name_en" text NOT NULL,
	"max_value" bigint NOT NULL,
	"store_id" uuid REFERENCES "stores"("id"),
	"expires_at" timestamp with time zone NOT NULL,
	"coupon_count" integer NOT NULL,
	"created_by" uuid NOT NULL REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coupon_handouts_target" CHECK ("coupon_handouts"."target" in ('employee', 'department', 'everyone'))
);
--> statement-breakpoint
CREATE TABLE "coupons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id"),
	"source" "coupon_source" NOT NULL,
	"program_id" uuid REFERENCES "stamp_programs"("id"),
	"handout_id" uuid REFERENCES "coupon_handouts"("id"),
	"store_id" uuid REFERENCES "stores"("id"),
	"name_ko" text NOT NULL,
	"name_en" text NOT NULL,
	"max_value" bigint NOT NULL,
	"item_ids" uuid[] DEFAULT '{}' NOT NULL,
	"category_ids" uuid[] DEFAULT '{}' NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"status" "coupon_status" DEFAULT 'active' NOT NULL,
	"used_order_id" uuid REFERENCES "orders"("id"),
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coupons_value" CHECK ("coupons"."max_value" between 1 and 10000000),
	CONSTRAINT "coupons_used" CHECK (("coupons"."status" = 'used') = ("coupons"."used_order_id" is not null))
);
--> statement-breakpoint
CREATE INDEX "coupons_user_idx" ON "coupons" USING btree ("user_id","status","expires_at");--> statement-breakpoint
CREATE TABLE "stamp_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL REFERENCES "stamp_programs"("id"),
	"user_id" uuid NOT NULL REFERENCES "users"("id"),
	"kind" "stamp_event_kind" NOT NULL,
	"stamps" integer NOT NULL,
	"order_id" uuid REFERENCES "orders"("id"),
	"refund_id" uuid REFERENCES "refunds"("id"),
	"coupon_id" uuid REFERENCES "coupons"("id"),
	"lines" jsonb,
	"balance_after" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "stamp_events_user_idx" ON "stamp_events" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "stamp_events_order_idx" ON "stamp_events" USING btree ("order_id");--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "promotion_id" uuid REFERENCES "promotions"("id");--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "promotion_discount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "coupon_id" uuid REFERENCES "coupons"("id");--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "coupon_discount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "net_total" bigint;--> statement-breakpoint
UPDATE "order_lines" SET "net_total" = "line_total";--> statement-breakpoint
ALTER TABLE "order_lines" ALTER COLUMN "net_total" SET NOT NULL;--> statement-breakpoint
-- A line written without a net price (older code, tools) costs its list price less its discounts.
CREATE FUNCTION "order_lines_fill_net"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.net_total IS NULL THEN
		NEW.net_total := NEW.line_total - NEW.promotion_discount - NEW.coupon_discount;
	END IF;
	RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "order_lines_fill_net" BEFORE INSERT ON "order_lines" FOR EACH ROW EXECUTE FUNCTION "order_lines_fill_net"();--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "refunded_net" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "refunded_promotion_discount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "refunded_coupon_discount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_net" CHECK ("order_lines"."promotion_discount" >= 0 and "order_lines"."coupon_discount" >= 0 and "order_lines"."net_total" = "order_lines"."line_total" - "order_lines"."promotion_discount" - "order_lines"."coupon_discount" and "order_lines"."net_total" >= 0 and "order_lines"."refunded_net" between 0 and "order_lines"."net_total" and "order_lines"."refunded_promotion_discount" between 0 and "order_lines"."promotion_discount" and "order_lines"."refunded_coupon_discount" between 0 and "order_lines"."coupon_discount");--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_promotion" CHECK (("order_lines"."promotion_id" is null) = ("order_lines"."promotion_discount" = 0));--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_coupon" CHECK ("order_lines"."coupon_id" is null or "order_lines"."quantity" = 1);--> statement-breakpoint
CREATE UNIQUE INDEX "order_lines_coupon_key" ON "order_lines" USING btree ("coupon_id","order_id") WHERE "order_lines"."coupon_id" is not null;--> statement-breakpoint
ALTER TABLE "ledger_transfers" ADD COLUMN "promotion_id" uuid REFERENCES "promotions"("id");--> statement-breakpoint
ALTER TABLE "ledger_transfers" ADD COLUMN "coupon_id" uuid REFERENCES "coupons"("id");--> statement-breakpoint
CREATE INDEX "ledger_transfers_promotion_idx" ON "ledger_transfers" USING btree ("promotion_id") WHERE "ledger_transfers"."promotion_id" is not null;--> statement-breakpoint
CREATE INDEX "ledger_transfers_coupon_idx" ON "ledger_transfers" USING btree ("coupon_id") WHERE "ledger_transfers"."coupon_id" is not null;
--> statement-breakpoint
ALTER TABLE "refunds" DROP CONSTRAINT "refunds_amount_positive";--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_amount_non_negative" CHECK ("refunds"."amount" >= 0);
