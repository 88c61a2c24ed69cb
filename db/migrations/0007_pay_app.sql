CREATE TYPE "public"."pg_payment_purpose" AS ENUM('top_up', 'order');--> statement-breakpoint
CREATE TYPE "public"."pg_payment_status" AS ENUM('ready', 'in_progress', 'done', 'canceled', 'partial_canceled', 'aborted', 'expired');--> statement-breakpoint
CREATE TYPE "public"."push_status" AS ENUM('pending', 'sent', 'failed', 'gone');--> statement-breakpoint
CREATE TABLE "pg_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pg_order_id" text NOT NULL,
	"provider" text NOT NULL,
	"purpose" "pg_payment_purpose" NOT NULL,
	"user_id" uuid NOT NULL,
	"order_id" uuid,
	"order_name" text NOT NULL,
	"amount" bigint NOT NULL,
	"status" "pg_payment_status" DEFAULT 'ready' NOT NULL,
	"payment_key" text,
	"method" text,
	"card_label" text,
	"approved_at" timestamp with time zone,
	"canceled_amount" bigint DEFAULT 0 NOT NULL,
	"failure_code" text,
	"failure_message" text,
	"transfer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pg_payments_amount_positive" CHECK ("pg_payments"."amount" > 0),
	CONSTRAINT "pg_payments_cancel_bound" CHECK ("pg_payments"."canceled_amount" >= 0 and "pg_payments"."canceled_amount" <= "pg_payments"."amount")
);
--> statement-breakpoint
CREATE TABLE "pg_webhook_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider" text NOT NULL,
	"event_type" text NOT NULL,
	"payment_key" text,
	"verified" text NOT NULL,
	"body" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"outcome" text
);
--> statement-breakpoint
CREATE TABLE "sandbox_pg_payments" (
	"payment_key" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"order_name" text NOT NULL,
	"amount" bigint NOT NULL,
	"balance_amount" bigint NOT NULL,
	"status" "pg_payment_status" NOT NULL,
	"method" text,
	"card_label" text,
	"success_url" text NOT NULL,
	"fail_url" text NOT NULL,
	"customer_key" text,
	"approved_at" timestamp with time zone,
	"cancels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "push_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"dedupe_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "push_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "push_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "server_keys" (
	"name" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "sessions_valid_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pg_payments" ADD CONSTRAINT "pg_payments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pg_payments" ADD CONSTRAINT "pg_payments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pg_payments" ADD CONSTRAINT "pg_payments_transfer_id_ledger_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."ledger_transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_outbox" ADD CONSTRAINT "push_outbox_subscription_id_push_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."push_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pg_payments_pg_order_id_key" ON "pg_payments" USING btree ("pg_order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pg_payments_payment_key_key" ON "pg_payments" USING btree ("payment_key");--> statement-breakpoint
CREATE INDEX "pg_payments_user_idx" ON "pg_payments" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "pg_webhook_events_payment_idx" ON "pg_webhook_events" USING btree ("payment_key","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_pg_payments_order_id_key" ON "sandbox_pg_payments" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "push_outbox_dedupe_key" ON "push_outbox" USING btree ("subscription_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "push_outbox_due_idx" ON "push_outbox" USING btree ("next_attempt_at") WHERE "push_outbox"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "push_subscriptions_endpoint_key" ON "push_subscriptions" USING btree ("endpoint");--> statement-breakpoint
CREATE INDEX "push_subscriptions_user_idx" ON "push_subscriptions" USING btree ("user_id");