CREATE SCHEMA "analytics";
--> statement-breakpoint
CREATE SEQUENCE "public"."sync_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"email" text,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"is_anonymous" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "cvs" (
	"user_id" text NOT NULL,
	"id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"device_id" text NOT NULL,
	"server_seq" bigint DEFAULT nextval('sync_seq') NOT NULL,
	"deleted_at" timestamp (3) with time zone,
	"name" text DEFAULT '' NOT NULL,
	"current_version_id" text NOT NULL,
	CONSTRAINT "cvs_user_id_id_pk" PRIMARY KEY("user_id","id")
);
--> statement-breakpoint
CREATE TABLE "cv_versions" (
	"user_id" text NOT NULL,
	"id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"device_id" text NOT NULL,
	"server_seq" bigint DEFAULT nextval('sync_seq') NOT NULL,
	"deleted_at" timestamp (3) with time zone,
	"cv_id" text NOT NULL,
	"content_hash" text NOT NULL,
	"cv" jsonb NOT NULL,
	"text" text,
	"source" jsonb NOT NULL,
	"note" text,
	CONSTRAINT "cv_versions_user_id_id_pk" PRIMARY KEY("user_id","id")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"user_id" text NOT NULL,
	"id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"device_id" text NOT NULL,
	"server_seq" bigint DEFAULT nextval('sync_seq') NOT NULL,
	"deleted_at" timestamp (3) with time zone,
	"posting" jsonb NOT NULL,
	"url" text,
	"site" text,
	"content_hash" text NOT NULL,
	CONSTRAINT "jobs_user_id_id_pk" PRIMARY KEY("user_id","id")
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"user_id" text NOT NULL,
	"id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"device_id" text NOT NULL,
	"server_seq" bigint DEFAULT nextval('sync_seq') NOT NULL,
	"deleted_at" timestamp (3) with time zone,
	"job_id" text NOT NULL,
	"company" text DEFAULT '' NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"url" text,
	"status" text DEFAULT 'saved' NOT NULL,
	"status_history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"last_run_id" text,
	"workflow_step" text DEFAULT 'saved' NOT NULL,
	"reached" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reached_at" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "applications_user_id_id_pk" PRIMARY KEY("user_id","id")
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"user_id" text NOT NULL,
	"id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"device_id" text NOT NULL,
	"server_seq" bigint DEFAULT nextval('sync_seq') NOT NULL,
	"deleted_at" timestamp (3) with time zone,
	"application_id" text NOT NULL,
	"job_id" text NOT NULL,
	"cv_version_id" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "runs_user_id_id_pk" PRIMARY KEY("user_id","id")
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"user_id" text NOT NULL,
	"id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"device_id" text NOT NULL,
	"server_seq" bigint DEFAULT nextval('sync_seq') NOT NULL,
	"deleted_at" timestamp (3) with time zone,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "settings_user_id_id_pk" PRIMARY KEY("user_id","id"),
	CONSTRAINT "settings_singleton" CHECK ("settings"."id" = 'settings')
);
--> statement-breakpoint
CREATE TABLE "analytics"."events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text,
	"device_id" text,
	"name" text NOT NULL,
	"props" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cvs" ADD CONSTRAINT "cvs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cv_versions" ADD CONSTRAINT "cv_versions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cvs_user_seq" ON "cvs" USING btree ("user_id","server_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "cv_versions_user_cv_hash" ON "cv_versions" USING btree ("user_id","cv_id","content_hash");--> statement-breakpoint
CREATE INDEX "cv_versions_user_seq" ON "cv_versions" USING btree ("user_id","server_seq");--> statement-breakpoint
CREATE INDEX "jobs_user_hash" ON "jobs" USING btree ("user_id","content_hash");--> statement-breakpoint
CREATE INDEX "jobs_user_seq" ON "jobs" USING btree ("user_id","server_seq");--> statement-breakpoint
CREATE INDEX "applications_user_job" ON "applications" USING btree ("user_id","job_id");--> statement-breakpoint
CREATE INDEX "applications_user_status" ON "applications" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "applications_user_seq" ON "applications" USING btree ("user_id","server_seq");--> statement-breakpoint
CREATE INDEX "runs_user_application" ON "runs" USING btree ("user_id","application_id");--> statement-breakpoint
CREATE INDEX "runs_user_seq" ON "runs" USING btree ("user_id","server_seq");--> statement-breakpoint
CREATE INDEX "settings_user_seq" ON "settings" USING btree ("user_id","server_seq");--> statement-breakpoint
CREATE INDEX "events_at" ON "analytics"."events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "events_name_at" ON "analytics"."events" USING btree ("name","at");