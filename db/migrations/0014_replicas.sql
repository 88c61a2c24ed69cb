-- Order events, durable: every status change is a row written in the transaction that made
-- it, so a server-sent event stream that reconnects (to any replica) replays what it missed.
-- `id` is the write order; `seq` is the commit order, given at commit under a lock, so a
-- client that has seen seq N has seen every event that committed before it.
CREATE SEQUENCE "order_events_seq";
--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"seq" bigint,
	"store_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"payer_ids" uuid[] DEFAULT '{}' NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "order_events_seq_idx" ON "order_events" USING btree ("seq");
--> statement-breakpoint
CREATE INDEX "order_events_store_seq_idx" ON "order_events" USING btree ("store_id","seq");
--> statement-breakpoint
CREATE INDEX "order_events_created_idx" ON "order_events" USING btree ("created_at");
--> statement-breakpoint
-- Runs at commit (deferred): takes the one events lock, numbers the event and NOTIFYs its
-- number with it. The lock is held only from here to the end of the commit, so numbers are
-- handed out in the order transactions become visible.
CREATE FUNCTION order_events_number() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	next_seq bigint;
BEGIN
	PERFORM pg_advisory_xact_lock(720261126);
	next_seq := nextval('order_events_seq');
	UPDATE order_events SET seq = next_seq WHERE id = NEW.id;
	PERFORM pg_notify('canteen_order_events', (NEW.payload || jsonb_build_object('seq', next_seq))::text);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "order_events_number" AFTER INSERT ON "order_events"
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION order_events_number();
