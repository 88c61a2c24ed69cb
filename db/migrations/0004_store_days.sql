CREATE TABLE "store_days" (
	"store_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"opening_float" bigint NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"opened_by" uuid NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"counted_cash" bigint,
	"expected_cash" bigint,
	"totals" jsonb,
	CONSTRAINT "store_days_pkey" PRIMARY KEY("store_id","business_date"),
	CONSTRAINT "store_days_amounts" CHECK ("store_days"."opening_float" >= 0 and ("store_days"."counted_cash" is null or "store_days"."counted_cash" >= 0))
);
--> statement-breakpoint
ALTER TABLE "store_days" ADD CONSTRAINT "store_days_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_days" ADD CONSTRAINT "store_days_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_days" ADD CONSTRAINT "store_days_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;