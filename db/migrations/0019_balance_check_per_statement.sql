-- The balance check was a deferred row trigger: at commit it ran once per ledger entry. An
-- allocation posts one entry per grant (660,000 for a month of three meals for 10,000 people),
-- so commit spent its time in trigger calls that each found "a newer entry will check". Now each
-- insert statement notes, in one row, which transfers it touched, and the deferred check runs
-- once per statement, summing those transfers at commit. Transfers written one leg per
-- statement are still checked only once all legs are in, and a later transaction that adds
-- a leg to an old transfer is still refused.
CREATE TABLE "ledger_balance_checks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"transfer_ids" uuid[] NOT NULL
);
--> statement-breakpoint
CREATE FUNCTION note_transfers_to_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- An insert of no rows (an allocation re-run that grants nothing) has nothing to check.
  INSERT INTO ledger_balance_checks (transfer_ids)
    SELECT array_agg(DISTINCT transfer_id) FROM new_entries HAVING count(*) > 0;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_note_transfers AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION note_transfers_to_check();
--> statement-breakpoint
CREATE FUNCTION check_noted_transfers_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  unbalanced record;
BEGIN
  SELECT e.transfer_id, sum(e.amount) AS total INTO unbalanced
  FROM ledger_entries e
  WHERE e.transfer_id IN (SELECT unnest(NEW.transfer_ids))
  GROUP BY e.transfer_id
  HAVING sum(e.amount) <> 0
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transfer % does not balance: entries sum to %', unbalanced.transfer_id, unbalanced.total
      USING ERRCODE = '23514';
  END IF;
  -- The note has done its work; the table holds only what commits still have to check.
  DELETE FROM ledger_balance_checks WHERE id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_balance_checks_balanced AFTER INSERT ON ledger_balance_checks
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_noted_transfers_balanced();
--> statement-breakpoint
DROP TRIGGER ledger_entries_balanced ON ledger_entries;
--> statement-breakpoint
DROP FUNCTION check_transfer_balanced();
