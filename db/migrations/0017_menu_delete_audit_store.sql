-- Deleted menu entries stay as rows: order lines point at their items, and reports and
-- receipts read the snapshot on the line, so only the live menu stops showing them.
ALTER TABLE "menu_categories" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "menu_items" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "option_groups" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "store_id" uuid;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_store_created_idx" ON "audit_log" USING btree ("store_id","created_at");--> statement-breakpoint
-- Backfill the store of past entries wherever the entity names it. The log is append-only;
-- filling a new column from facts already recorded changes no entry's account of what happened,
-- and the guard is back on before this migration's transaction commits.
ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_append_only";--> statement-breakpoint
UPDATE "audit_log" a SET "store_id" = c."store_id" FROM "menu_categories" c
  WHERE a."entity_type" = 'menu_category' AND a."entity_id" = c."id"::text;--> statement-breakpoint
UPDATE "audit_log" a SET "store_id" = i."store_id" FROM "menu_items" i
  WHERE a."entity_type" = 'menu_item' AND a."entity_id" = i."id"::text;--> statement-breakpoint
UPDATE "audit_log" a SET "store_id" = g."store_id" FROM "option_groups" g
  WHERE a."entity_type" = 'option_group' AND a."entity_id" = g."id"::text;--> statement-breakpoint
UPDATE "audit_log" a SET "store_id" = s."id" FROM "stores" s
  WHERE a."entity_type" = 'store' AND a."entity_id" = s."id"::text;--> statement-breakpoint
UPDATE "audit_log" a SET "store_id" = s."id" FROM "stores" s
  WHERE a."entity_type" = 'store_day' AND split_part(a."entity_id", ':', 1) = s."id"::text;--> statement-breakpoint
UPDATE "audit_log" a SET "store_id" = o."store_id" FROM "orders" o
  WHERE a."entity_type" = 'order' AND a."entity_id" = o."id"::text;--> statement-breakpoint
UPDATE "audit_log" a SET "store_id" = u."store_id" FROM "users" u
  WHERE a."action" LIKE 'device.%' AND a."entity_type" = 'user' AND a."entity_id" = u."id"::text;--> statement-breakpoint
UPDATE "audit_log" a SET "store_id" = p."store_id" FROM "stamp_programs" p
  WHERE a."entity_type" = 'stamp_program' AND a."entity_id" = p."id"::text;--> statement-breakpoint
UPDATE "audit_log" a SET "store_id" = p."store_ids"[1] FROM "promotions" p
  WHERE a."entity_type" = 'promotion' AND a."entity_id" = p."id"::text AND cardinality(p."store_ids") = 1;--> statement-breakpoint
-- Card charges, voids and pairing codes carry the store in what they recorded.
UPDATE "audit_log" a SET "store_id" = s."id" FROM "stores" s
  WHERE a."store_id" IS NULL AND a."after" ->> 'storeId' = s."id"::text;--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_append_only";
