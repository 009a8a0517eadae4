CREATE TABLE "page_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"page_path" text NOT NULL,
	"useful" boolean NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "page_feedback_comment_length" CHECK (char_length("page_feedback"."comment") <= 500),
	CONSTRAINT "page_feedback_page_path_shape" CHECK ("page_feedback"."page_path" like '/%' and char_length("page_feedback"."page_path") <= 200)
);
--> statement-breakpoint
CREATE INDEX "page_feedback_page_path_idx" ON "page_feedback" USING btree ("page_path","created_at");