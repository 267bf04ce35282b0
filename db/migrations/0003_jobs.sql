CREATE TABLE "job_settings" (
	"org_unit_id" integer NOT NULL,
	"job" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"rule" text,
	"set_by_user_id" integer,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_settings_org_unit_id_job_pk" PRIMARY KEY("org_unit_id","job")
);
--> statement-breakpoint
ALTER TABLE "job_settings" ADD CONSTRAINT "job_settings_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_settings" ADD CONSTRAINT "job_settings_set_by_user_id_users_id_fk" FOREIGN KEY ("set_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "check_ins_date_idx" ON "check_ins" USING btree ("local_date");--> statement-breakpoint
CREATE INDEX "diary_entries_date_idx" ON "diary_entries" USING btree ("local_date");