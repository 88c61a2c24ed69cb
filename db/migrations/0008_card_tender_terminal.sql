ALTER TABLE "payment_tenders" ADD COLUMN "terminal_id" text;--> statement-breakpoint
ALTER TABLE "payment_tenders" ADD COLUMN "terminal_reference" text;