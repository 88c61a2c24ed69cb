-- Report rollups: the admin reports read these small summaries instead of scanning a year of
-- voucher tenders. Triggers keep them exact in the transaction that pays, refunds, grants or
-- moves an employee, so no code path (pay, split, refund, allocation, expiry) needs a hook.
--
-- Hot rows: every till paying lunch at the same store adds to the same day × meal cells. Each
-- transaction writes to one of 8 shards picked from its transaction id, so tills that pay at the
-- same moment (consecutive ids) lock different rows; reads sum the shards. Within a statement
-- the cells are written in key order, so two payments never take them in opposite orders.
CREATE TABLE "report_voucher_spend" (
	"business_date" date NOT NULL,
	"store_id" uuid NOT NULL,
	"department_id" uuid,
	"meal" "meal",
	"shard" smallint NOT NULL,
	"uses" integer NOT NULL,
	"paid" bigint NOT NULL,
	"refunded" bigint NOT NULL,
	CONSTRAINT "report_voucher_spend_key" UNIQUE NULLS NOT DISTINCT("business_date","store_id","department_id","meal","shard")
);
--> statement-breakpoint
CREATE TABLE "report_voucher_use_monthly" (
	"month" date NOT NULL,
	"payer_id" uuid NOT NULL,
	"uses" integer NOT NULL,
	"paid" bigint NOT NULL,
	"refunded" bigint NOT NULL,
	CONSTRAINT "report_voucher_use_monthly_pk" PRIMARY KEY("month","payer_id")
);
--> statement-breakpoint
CREATE TABLE "report_voucher_granted" (
	"grant_day" date NOT NULL,
	"shard" smallint NOT NULL,
	"grants" integer NOT NULL,
	"granted" bigint NOT NULL,
	"used" bigint NOT NULL,
	CONSTRAINT "report_voucher_granted_pk" PRIMARY KEY("grant_day","shard")
);
--> statement-breakpoint
CREATE TABLE "report_voucher_items" (
	"business_date" date NOT NULL,
	"store_id" uuid NOT NULL,
	"menu_item_id" uuid NOT NULL,
	"shard" smallint NOT NULL,
	"quantity" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"name_ko" text NOT NULL,
	"name_en" text NOT NULL,
	CONSTRAINT "report_voucher_items_pk" PRIMARY KEY("business_date","store_id","menu_item_id","shard")
);
--> statement-breakpoint
-- Moving an employee to another department re-files their voucher uses: found by payer.
CREATE INDEX "payment_tenders_voucher_payer_idx" ON "payment_tenders" USING btree ("payer_id") WHERE "payment_tenders"."kind" = 'voucher';
--> statement-breakpoint

-- What each rollup must equal, computed from scratch from tenders, orders, lines and grants.
-- The backfill inserts these; ledger:verify compares them with the rollups.
CREATE VIEW "report_voucher_spend_recomputed" AS
SELECT o.business_date, o.store_id, u.department_id, g.meal,
       count(*)::integer AS uses, sum(t.amount)::bigint AS paid, sum(t.refunded_amount)::bigint AS refunded
  FROM payment_tenders t
  JOIN orders o ON o.id = t.order_id
  LEFT JOIN users u ON u.id = t.payer_id
  LEFT JOIN voucher_grants g ON g.id = t.grant_id
 WHERE t.kind = 'voucher'
 GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
CREATE VIEW "report_voucher_use_monthly_recomputed" AS
SELECT date_trunc('month', o.business_date)::date AS month, t.payer_id,
       count(*)::integer AS uses, sum(t.amount)::bigint AS paid, sum(t.refunded_amount)::bigint AS refunded
  FROM payment_tenders t
  JOIN orders o ON o.id = t.order_id
 WHERE t.kind = 'voucher' AND t.payer_id IS NOT NULL
 GROUP BY 1, 2;
--> statement-breakpoint
-- A grant counts on its service day, or the Seoul day it starts when it has none (adjustments).
CREATE FUNCTION report_grant_day(service_date date, valid_from timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(service_date, (valid_from AT TIME ZONE 'Asia/Seoul')::date) $$;
--> statement-breakpoint
CREATE VIEW "report_voucher_granted_recomputed" AS
SELECT report_grant_day(g.service_date, g.valid_from) AS grant_day,
       count(*)::integer AS grants, sum(g.amount)::bigint AS granted, coalesce(sum(u.used), 0)::bigint AS used
  FROM voucher_grants g
  LEFT JOIN (SELECT grant_id, sum(amount - refunded_amount) AS used FROM payment_tenders
              WHERE kind = 'voucher' AND grant_id IS NOT NULL GROUP BY grant_id) u ON u.grant_id = g.id
 WHERE g.status <> 'revoked'
 GROUP BY 1;
--> statement-breakpoint
CREATE VIEW "report_voucher_items_recomputed" AS
SELECT o.business_date, o.store_id, l.menu_item_id,
       sum(l.quantity - l.refunded_quantity)::bigint AS quantity,
       sum(l.unit_price * (l.quantity - l.refunded_quantity))::bigint AS amount,
       min(l.name_ko) AS name_ko, min(l.name_en) AS name_en
  FROM orders o
  JOIN order_lines l ON l.order_id = o.id
 WHERE EXISTS (SELECT 1 FROM payment_tenders t WHERE t.order_id = o.id AND t.kind = 'voucher')
 GROUP BY 1, 2, 3;
--> statement-breakpoint

-- Consecutive transactions (tills paying at the same moment) land on different shards.
CREATE FUNCTION report_shard() RETURNS smallint
LANGUAGE sql VOLATILE AS $$ SELECT (pg_current_xact_id()::text::bigint % 8)::smallint $$;
--> statement-breakpoint

-- Empties the rollups and fills them from scratch: the backfill, and the bench after its bulk load.
CREATE FUNCTION report_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE report_voucher_spend, report_voucher_use_monthly, report_voucher_granted, report_voucher_items;
  INSERT INTO report_voucher_spend (business_date, store_id, department_id, meal, shard, uses, paid, refunded)
  SELECT business_date, store_id, department_id, meal, 0, uses, paid, refunded FROM report_voucher_spend_recomputed;
  INSERT INTO report_voucher_use_monthly (month, payer_id, uses, paid, refunded)
  SELECT month, payer_id, uses, paid, refunded FROM report_voucher_use_monthly_recomputed;
  INSERT INTO report_voucher_granted (grant_day, shard, grants, granted, used)
  SELECT grant_day, 0, grants, granted, used FROM report_voucher_granted_recomputed;
  INSERT INTO report_voucher_items (business_date, store_id, menu_item_id, shard, quantity, amount, name_ko, name_en)
  SELECT business_date, store_id, menu_item_id, 0, quantity, amount, name_ko, name_en FROM report_voucher_items_recomputed;
END;
$$;
--> statement-breakpoint

-- Tenders: a voucher use counts on its order's day, store, payer's department and grant's meal;
-- an update counts as the old row taken out and the new one put in.
CREATE FUNCTION report_rollups_tenders_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added payment_tenders[] := '{}';
  removed payment_tenders[] := '{}';
  tx_shard smallint;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT coalesce(array_agg(n), '{}') INTO added FROM new_rows n WHERE n.kind = 'voucher';
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT coalesce(array_agg(o), '{}') INTO removed FROM old_rows o WHERE o.kind = 'voucher';
  END IF;
  IF cardinality(added) = 0 AND cardinality(removed) = 0 THEN
    RETURN NULL;
  END IF;
  tx_shard := report_shard();
  -- The payer's row is read, not locked: locking it would wait on HR's leaver flow, which holds
  -- it while it locks the same grants this payment holds (a deadlock). A department move that
  -- commits while this payment is in flight can leave this use under the old department;
  -- ledger:verify reports that and report_rollups_rebuild() repairs it.

  -- The day's grant row, which every voucher payment of the day shares, is taken first: a
  -- transaction waiting for it holds no other rollup row yet, so a refund that writes its tenders
  -- in several statements cannot deadlock with a payment (unless its tenders span grant days).
  INSERT INTO report_voucher_granted AS r (grant_day, shard, grants, granted, used)
  SELECT report_grant_day(g.service_date, g.valid_from), tx_shard, 0, 0, sum(c.sign * (c.amount - c.refunded_amount))
    FROM (SELECT 1 AS sign, * FROM unnest(added) UNION ALL SELECT -1, * FROM unnest(removed)) c
    JOIN voucher_grants g ON g.id = c.grant_id
   WHERE g.status <> 'revoked'
   GROUP BY 1
  HAVING sum(c.sign * (c.amount - c.refunded_amount)) <> 0
   ORDER BY 1
  ON CONFLICT ON CONSTRAINT report_voucher_granted_pk
  DO UPDATE SET used = r.used + excluded.used;

  INSERT INTO report_voucher_spend AS r (business_date, store_id, department_id, meal, shard, uses, paid, refunded)
  SELECT o.business_date, o.store_id, u.department_id, g.meal, tx_shard, sum(c.sign), sum(c.sign * c.amount), sum(c.sign * c.refunded_amount)
    FROM (SELECT 1 AS sign, * FROM unnest(added) UNION ALL SELECT -1, * FROM unnest(removed)) c
    JOIN orders o ON o.id = c.order_id
    LEFT JOIN users u ON u.id = c.payer_id
    LEFT JOIN voucher_grants g ON g.id = c.grant_id
   GROUP BY 1, 2, 3, 4
  HAVING sum(c.sign) <> 0 OR sum(c.sign * c.amount) <> 0 OR sum(c.sign * c.refunded_amount) <> 0
   ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT report_voucher_spend_key
  DO UPDATE SET uses = r.uses + excluded.uses, paid = r.paid + excluded.paid, refunded = r.refunded + excluded.refunded;

  INSERT INTO report_voucher_use_monthly AS r (month, payer_id, uses, paid, refunded)
  SELECT date_trunc('month', o.business_date)::date, c.payer_id, sum(c.sign), sum(c.sign * c.amount), sum(c.sign * c.refunded_amount)
    FROM (SELECT 1 AS sign, * FROM unnest(added) UNION ALL SELECT -1, * FROM unnest(removed)) c
    JOIN orders o ON o.id = c.order_id
   WHERE c.payer_id IS NOT NULL
   GROUP BY 1, 2
  HAVING sum(c.sign) <> 0 OR sum(c.sign * c.amount) <> 0 OR sum(c.sign * c.refunded_amount) <> 0
   ORDER BY 1, 2
  ON CONFLICT ON CONSTRAINT report_voucher_use_monthly_pk
  DO UPDATE SET uses = r.uses + excluded.uses, paid = r.paid + excluded.paid, refunded = r.refunded + excluded.refunded;

  -- An order's lines count for the top items from its first voucher tender on.
  INSERT INTO report_voucher_items AS r (business_date, store_id, menu_item_id, shard, quantity, amount, name_ko, name_en)
  SELECT o.business_date, o.store_id, l.menu_item_id, tx_shard,
         sum(f.sign * (l.quantity - l.refunded_quantity)), sum(f.sign * l.unit_price * (l.quantity - l.refunded_quantity)),
         min(l.name_ko), min(l.name_en)
    FROM (SELECT d.order_id,
                 CASE WHEN d.now > 0 AND d.now = d.change THEN 1 WHEN d.now = 0 AND d.change < 0 THEN -1 END AS sign
            FROM (SELECT c.order_id, sum(c.sign) AS change,
                         (SELECT count(*) FROM payment_tenders t WHERE t.order_id = c.order_id AND t.kind = 'voucher') AS now
                    FROM (SELECT 1 AS sign, order_id FROM unnest(added) UNION ALL SELECT -1, order_id FROM unnest(removed)) c
                   GROUP BY c.order_id) d) f
    JOIN orders o ON o.id = f.order_id
    JOIN order_lines l ON l.order_id = f.order_id
   WHERE f.sign IS NOT NULL
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3
  ON CONFLICT ON CONSTRAINT report_voucher_items_pk
  DO UPDATE SET quantity = r.quantity + excluded.quantity, amount = r.amount + excluded.amount,
                name_ko = least(r.name_ko, excluded.name_ko), name_en = least(r.name_en, excluded.name_en);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "payment_tenders_report_insert" AFTER INSERT ON "payment_tenders"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollups_tenders_changed();
--> statement-breakpoint
CREATE TRIGGER "payment_tenders_report_update" AFTER UPDATE ON "payment_tenders"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollups_tenders_changed();
--> statement-breakpoint
CREATE TRIGGER "payment_tenders_report_delete" AFTER DELETE ON "payment_tenders"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollups_tenders_changed();
--> statement-breakpoint

-- Lines of an order with a voucher tender: a refunded quantity leaves the top items.
CREATE FUNCTION report_rollups_lines_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added order_lines[] := '{}';
  removed order_lines[] := '{}';
  tx_shard smallint;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT coalesce(array_agg(n), '{}') INTO added FROM new_rows n
     WHERE EXISTS (SELECT 1 FROM payment_tenders t WHERE t.order_id = n.order_id AND t.kind = 'voucher');
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT coalesce(array_agg(o), '{}') INTO removed FROM old_rows o
     WHERE EXISTS (SELECT 1 FROM payment_tenders t WHERE t.order_id = o.order_id AND t.kind = 'voucher');
  END IF;
  IF cardinality(added) = 0 AND cardinality(removed) = 0 THEN
    RETURN NULL;
  END IF;
  tx_shard := report_shard();
  INSERT INTO report_voucher_items AS r (business_date, store_id, menu_item_id, shard, quantity, amount, name_ko, name_en)
  SELECT o.business_date, o.store_id, c.menu_item_id, tx_shard,
         sum(c.sign * (c.quantity - c.refunded_quantity)), sum(c.sign * c.unit_price * (c.quantity - c.refunded_quantity)),
         min(c.name_ko), min(c.name_en)
    FROM (SELECT 1 AS sign, * FROM unnest(added) UNION ALL SELECT -1, * FROM unnest(removed)) c
    JOIN orders o ON o.id = c.order_id
   GROUP BY 1, 2, 3
  HAVING TG_OP = 'INSERT' OR sum(c.sign * (c.quantity - c.refunded_quantity)) <> 0
      OR sum(c.sign * c.unit_price * (c.quantity - c.refunded_quantity)) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT ON CONSTRAINT report_voucher_items_pk
  DO UPDATE SET quantity = r.quantity + excluded.quantity, amount = r.amount + excluded.amount,
                name_ko = least(r.name_ko, excluded.name_ko), name_en = least(r.name_en, excluded.name_en);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "order_lines_report_insert" AFTER INSERT ON "order_lines"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollups_lines_changed();
--> statement-breakpoint
CREATE TRIGGER "order_lines_report_update" AFTER UPDATE ON "order_lines"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollups_lines_changed();
--> statement-breakpoint
CREATE TRIGGER "order_lines_report_delete" AFTER DELETE ON "order_lines"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollups_lines_changed();
--> statement-breakpoint

-- Grants given per day (revoked ones left out, with what was spent from them).
CREATE FUNCTION report_rollups_grants_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added voucher_grants[] := '{}';
  removed voucher_grants[] := '{}';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT coalesce(array_agg(n), '{}') INTO added FROM new_rows n WHERE n.status <> 'revoked';
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT coalesce(array_agg(o), '{}') INTO removed FROM old_rows o WHERE o.status <> 'revoked';
  END IF;
  IF cardinality(added) = 0 AND cardinality(removed) = 0 THEN
    RETURN NULL;
  END IF;
  INSERT INTO report_voucher_granted AS r (grant_day, shard, grants, granted, used)
  SELECT report_grant_day(c.service_date, c.valid_from), report_shard(), sum(c.sign), sum(c.sign * c.amount), sum(c.sign * coalesce(u.used, 0))
    FROM (SELECT 1 AS sign, * FROM unnest(added) UNION ALL SELECT -1, * FROM unnest(removed)) c
    LEFT JOIN LATERAL (SELECT sum(t.amount - t.refunded_amount) AS used FROM payment_tenders t
                        WHERE t.grant_id = c.id AND t.kind = 'voucher') u ON true
   GROUP BY 1
  HAVING sum(c.sign) <> 0 OR sum(c.sign * c.amount) <> 0 OR sum(c.sign * coalesce(u.used, 0)) <> 0
   ORDER BY 1
  ON CONFLICT ON CONSTRAINT report_voucher_granted_pk
  DO UPDATE SET grants = r.grants + excluded.grants, granted = r.granted + excluded.granted, used = r.used + excluded.used;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "voucher_grants_report_insert" AFTER INSERT ON "voucher_grants"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollups_grants_changed();
--> statement-breakpoint
CREATE TRIGGER "voucher_grants_report_update" AFTER UPDATE ON "voucher_grants"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollups_grants_changed();
--> statement-breakpoint
CREATE TRIGGER "voucher_grants_report_delete" AFTER DELETE ON "voucher_grants"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollups_grants_changed();
--> statement-breakpoint

-- Reports file an employee's uses under their department today: a move re-files all of them.
CREATE FUNCTION report_rollups_department_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_voucher_spend AS r (business_date, store_id, department_id, meal, shard, uses, paid, refunded)
  SELECT o.business_date, o.store_id, d.department_id, g.meal, report_shard(), sum(d.sign), sum(d.sign * t.amount), sum(d.sign * t.refunded_amount)
    FROM payment_tenders t
    JOIN orders o ON o.id = t.order_id
    LEFT JOIN voucher_grants g ON g.id = t.grant_id
   CROSS JOIN (VALUES (OLD.department_id, -1), (NEW.department_id, 1)) d(department_id, sign)
   WHERE t.payer_id = NEW.id AND t.kind = 'voucher'
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT report_voucher_spend_key
  DO UPDATE SET uses = r.uses + excluded.uses, paid = r.paid + excluded.paid, refunded = r.refunded + excluded.refunded;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "users_report_department" AFTER UPDATE OF "department_id" ON "users"
  FOR EACH ROW WHEN (OLD.department_id IS DISTINCT FROM NEW.department_id) EXECUTE FUNCTION report_rollups_department_moved();
--> statement-breakpoint
SELECT report_rollups_rebuild();
