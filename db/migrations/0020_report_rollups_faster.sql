-- An allocation inserts ~165,000 grants per statement. The grants trigger packed every new row
-- into an array, unpacked it again and looked up each grant's voucher tenders, which a grant
-- inserted by this very statement cannot have yet: about 14 % of an allocation's time. Inserts
-- now add straight from the transition table; updates and deletes keep the general path.
CREATE OR REPLACE FUNCTION report_rollups_grants_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added voucher_grants[] := '{}';
  removed voucher_grants[] := '{}';
  shard smallint := report_shard();
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- New grants add to shards 64–127, which no payment writes: an allocation of the current
    -- month holds its rows until it commits, and a till must never wait for that.
    shard := shard + 64;
    INSERT INTO report_voucher_granted AS r (grant_day, shard, grants, granted, used)
    SELECT report_grant_day(n.service_date, n.valid_from), shard, count(*), sum(n.amount), 0
      FROM new_rows n WHERE n.status <> 'revoked'
     GROUP BY 1
     ORDER BY 1
    ON CONFLICT ON CONSTRAINT report_voucher_granted_pk
    DO UPDATE SET grants = r.grants + excluded.grants, granted = r.granted + excluded.granted;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    SELECT coalesce(array_agg(n), '{}') INTO added FROM new_rows n WHERE n.status <> 'revoked';
  END IF;
  SELECT coalesce(array_agg(o), '{}') INTO removed FROM old_rows o WHERE o.status <> 'revoked';
  IF cardinality(added) = 0 AND cardinality(removed) = 0 THEN
    RETURN NULL;
  END IF;
  INSERT INTO report_voucher_granted AS r (grant_day, shard, grants, granted, used)
  SELECT report_grant_day(c.service_date, c.valid_from), shard, sum(c.sign), sum(c.sign * c.amount), sum(c.sign * coalesce(u.used, 0))
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
-- Tills paying at once must land on different summary rows, or each waits for the other's
-- commit. Shards from the transaction id collided often (4 tills on 8 shards: more often than
-- not). A connection runs one transaction at a time, and a pool's backends have nearby
-- process ids, so the backend's pid over 64 shards puts concurrent payments on distinct rows.
CREATE OR REPLACE FUNCTION report_shard() RETURNS smallint
LANGUAGE sql VOLATILE AS $$ SELECT (pg_backend_pid() % 64)::smallint $$;
