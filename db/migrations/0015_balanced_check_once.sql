-- The balance check ran for every entry and summed the whole transfer each time, so a transfer
-- with n legs cost n² reads at commit (an allocation posts one leg per grant: ~70 per employee).
-- Only the newest entry of a transfer visible to the committing transaction needs to check;
-- the (transfer_id, id) index answers "is there a newer one" with one probe.
CREATE INDEX "ledger_entries_transfer_id_idx" ON "ledger_entries" USING btree ("transfer_id", "id");--> statement-breakpoint
DROP INDEX "ledger_entries_transfer_idx";--> statement-breakpoint
CREATE OR REPLACE FUNCTION check_transfer_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  total numeric;
BEGIN
  IF EXISTS (SELECT 1 FROM ledger_entries WHERE transfer_id = NEW.transfer_id AND id > NEW.id) THEN
    RETURN NULL;
  END IF;
  SELECT coalesce(sum(amount), 0) INTO total FROM ledger_entries WHERE transfer_id = NEW.transfer_id;
  IF total <> 0 THEN
    RAISE EXCEPTION 'ledger transfer % does not balance: entries sum to %', NEW.transfer_id, total
      USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END;
$$;
