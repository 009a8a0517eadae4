CREATE TABLE "entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"data" jsonb NOT NULL,
	"provenance" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "entries_kind" CHECK ("entries"."kind" in ('measurement', 'immunisation', 'health-review', 'screening', 'first')),
	CONSTRAINT "entries_provenance" CHECK ("entries"."provenance" in ('parent-or-carer', 'professional', 'imported'))
);
--> statement-breakpoint
CREATE TABLE "entry_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"change" text NOT NULL,
	"occurred_on" date NOT NULL,
	"data" jsonb NOT NULL,
	"provenance" text NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entry_versions_entry_version" UNIQUE("entry_id","version"),
	CONSTRAINT "entry_versions_change" CHECK ("entry_versions"."change" in ('created', 'edited', 'deleted'))
);
--> statement-breakpoint
ALTER TABLE "records" ADD COLUMN "details" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "records" ADD COLUMN "status" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "records" ADD COLUMN "closed_reason" text;--> statement-breakpoint
ALTER TABLE "records" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "records" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "entries" ADD CONSTRAINT "entries_record_id_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entries" ADD CONSTRAINT "entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entries" ADD CONSTRAINT "entries_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_versions" ADD CONSTRAINT "entry_versions_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_versions" ADD CONSTRAINT "entry_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entries_record_kind_idx" ON "entries" USING btree ("record_id","kind","occurred_on");--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_status" CHECK ("records"."status" in ('open', 'closed'));--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_closed_reason" CHECK (("records"."status" = 'closed') = ("records"."closed_reason" is not null) and ("records"."closed_reason" is null or "records"."closed_reason" in ('born', 'pregnancy-loss', 'child-died')));