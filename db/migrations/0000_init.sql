CREATE TYPE "public"."assignment_role" AS ENUM('firstSecretary', 'teamMember');--> statement-breakpoint
CREATE TYPE "public"."dispatch_level" AS ENUM('province', 'city', 'county', 'township');--> statement-breakpoint
CREATE TYPE "public"."org_level" AS ENUM('province', 'city', 'county', 'township', 'village');--> statement-breakpoint
CREATE TYPE "public"."review_rating" AS ENUM('excellent', 'competent', 'basically_competent', 'incompetent', 'qualified', 'basically_qualified', 'unqualified');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('cadre', 'inspector', 'township', 'county', 'dispatchingUnit', 'discipline', 'province', 'admin');--> statement-breakpoint
CREATE TYPE "public"."satisfaction" AS ENUM('satisfied', 'basicallySatisfied', 'dissatisfied');--> statement-breakpoint
CREATE TYPE "public"."approval_decision" AS ENUM('approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."leave_kind" AS ENUM('personal', 'sick', 'official', 'other');--> statement-breakpoint
CREATE TYPE "public"."leave_state" AS ENUM('pending', 'approved', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."survey_state" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."tip_author" AS ENUM('tipster', 'handler');--> statement-breakpoint
CREATE TYPE "public"."tip_status" AS ENUM('received', 'inProgress', 'verified', 'unfounded', 'closed');--> statement-breakpoint
CREATE TYPE "public"."case_origin" AS ENUM('flag', 'intake', 'tip');--> statement-breakpoint
CREATE TYPE "public"."case_state" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."case_track" AS ENUM('A', 'B', 'C');--> statement-breakpoint
CREATE TYPE "public"."flag_state" AS ENUM('open', 'confirmed', 'dismissed');--> statement-breakpoint
CREATE TYPE "public"."support_kind" AS ENUM('training', 'mealSubsidy', 'lodgingSubsidy', 'transport', 'physicalExam', 'accidentInsurance', 'workFund');--> statement-breakpoint
CREATE TYPE "public"."calendar_day_kind" AS ENUM('holiday', 'workday');--> statement-breakpoint
CREATE TYPE "public"."job_state" AS ENUM('running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "dispatching_units" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dispatching_units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"level" "dispatch_level" NOT NULL,
	"org_unit_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_units" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "org_units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"parent_id" integer,
	"level" "org_level" NOT NULL,
	"name" text NOT NULL,
	"code" text,
	"path" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"geofence_metres" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_units_code_unique" UNIQUE("code"),
	CONSTRAINT "org_units_path_unique" UNIQUE("path"),
	CONSTRAINT "org_units_root_is_province" CHECK (("org_units"."parent_id" is null) = ("org_units"."level" = 'province')),
	CONSTRAINT "org_units_village_geofence" CHECK (("org_units"."level" = 'village') = ("org_units"."latitude" is not null and "org_units"."longitude" is not null and "org_units"."geofence_metres" is not null)),
	CONSTRAINT "org_units_latitude" CHECK ("org_units"."latitude" between -90 and 90),
	CONSTRAINT "org_units_longitude" CHECK ("org_units"."longitude" between -180 and 180),
	CONSTRAINT "org_units_geofence_positive" CHECK ("org_units"."geofence_metres" > 0)
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assignments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"cadre_id" integer NOT NULL,
	"village_id" integer NOT NULL,
	"role" "assignment_role" NOT NULL,
	"dispatch_level" "dispatch_level" NOT NULL,
	"dispatching_unit_id" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignments_dates" CHECK ("assignments"."ends_on" is null or "assignments"."ends_on" >= "assignments"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "cadres" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cadres_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"title" text,
	"phone" text,
	"dispatching_unit_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text,
	"role" "role" NOT NULL,
	"org_unit_id" integer NOT NULL,
	"dispatching_unit_id" integer,
	"cadre_id" integer,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_cadreId_unique" UNIQUE("cadre_id"),
	CONSTRAINT "users_dispatching_unit_role" CHECK (("users"."role" = 'dispatchingUnit') = ("users"."dispatching_unit_id" is not null)),
	CONSTRAINT "users_cadre_role" CHECK (("users"."role" = 'cadre') = ("users"."cadre_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "bot_links" (
	"telegram_user_id" bigint PRIMARY KEY NOT NULL,
	"cadre_id" integer,
	"user_id" integer,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bot_links_cadreId_unique" UNIQUE("cadre_id"),
	CONSTRAINT "bot_links_userId_unique" UNIQUE("user_id"),
	CONSTRAINT "bot_links_target" CHECK ("bot_links"."cadre_id" is not null or "bot_links"."user_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "bot_sessions" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "invitations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code_hash" text NOT NULL,
	"cadre_id" integer,
	"user_id" integer,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "invitations_codeHash_unique" UNIQUE("code_hash"),
	CONSTRAINT "invitations_target" CHECK (("invitations"."cadre_id" is null) <> ("invitations"."user_id" is null))
);
--> statement-breakpoint
CREATE TABLE "processed_updates" (
	"update_id" bigint PRIMARY KEY NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "check_ins" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "check_ins_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"cadre_id" integer NOT NULL,
	"assignment_id" integer NOT NULL,
	"village_id" integer NOT NULL,
	"telegram_update_id" bigint,
	"at" timestamp with time zone NOT NULL,
	"local_date" date NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"accuracy_metres" real,
	"live" boolean DEFAULT false NOT NULL,
	"inside" boolean NOT NULL,
	"distance_metres" integer NOT NULL,
	"photo_file_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "check_ins_telegramUpdateId_unique" UNIQUE("telegram_update_id"),
	CONSTRAINT "check_ins_distance" CHECK ("check_ins"."distance_metres" >= 0)
);
--> statement-breakpoint
CREATE TABLE "diary_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "diary_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"cadre_id" integer NOT NULL,
	"assignment_id" integer NOT NULL,
	"local_date" date NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"text" text,
	"photo_file_id" text,
	"voice_file_id" text,
	"telegram_update_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "diary_entries_telegramUpdateId_unique" UNIQUE("telegram_update_id"),
	CONSTRAINT "diary_entries_content" CHECK ("diary_entries"."text" is not null or "diary_entries"."photo_file_id" is not null or "diary_entries"."voice_file_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "verified_presence" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "verified_presence_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"cadre_id" integer NOT NULL,
	"assignment_id" integer NOT NULL,
	"date" date NOT NULL,
	"verified_by_user_id" integer NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "verified_presence_cadre_date" UNIQUE("cadre_id","date")
);
--> statement-breakpoint
CREATE TABLE "leave_approvals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "leave_approvals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"leave_id" integer NOT NULL,
	"step" smallint NOT NULL,
	"role" "role" NOT NULL,
	"decision" "approval_decision" NOT NULL,
	"user_id" integer NOT NULL,
	"comment" text,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leave_approvals_one_per_step" UNIQUE("leave_id","step")
);
--> statement-breakpoint
CREATE TABLE "leave_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "leave_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"cadre_id" integer NOT NULL,
	"assignment_id" integer NOT NULL,
	"kind" "leave_kind" NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text NOT NULL,
	"state" "leave_state" DEFAULT 'pending' NOT NULL,
	"approval_chain" jsonb NOT NULL,
	"request_key" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_on" date,
	"decided_at" timestamp with time zone,
	"returned_on" date,
	"return_check_in_id" bigint,
	CONSTRAINT "leave_requests_requestKey_unique" UNIQUE("request_key"),
	CONSTRAINT "leave_requests_dates" CHECK ("leave_requests"."ends_on" >= "leave_requests"."starts_on"),
	CONSTRAINT "leave_requests_approved" CHECK (("leave_requests"."state" = 'approved') = ("leave_requests"."approved_on" is not null)),
	CONSTRAINT "leave_requests_return" CHECK ("leave_requests"."returned_on" is null or "leave_requests"."returned_on" >= "leave_requests"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inspections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"cadre_id" integer NOT NULL,
	"assignment_id" integer NOT NULL,
	"date" date NOT NULL,
	"present" boolean NOT NULL,
	"note" text,
	"photo_key" text,
	"inspector_user_id" integer,
	"client_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspections_clientId_unique" UNIQUE("client_id")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"cadre_id" integer NOT NULL,
	"period" text NOT NULL,
	"rating" "review_rating" NOT NULL,
	"recorded_on" date NOT NULL,
	"recorded_by_user_id" integer,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_one_per_period" UNIQUE("cadre_id","period"),
	CONSTRAINT "reviews_period" CHECK ("reviews"."period" ~ '^[0-9]{4}(H1)?$')
);
--> statement-breakpoint
CREATE TABLE "survey_answers" (
	"response_id" uuid NOT NULL,
	"cadre_id" integer NOT NULL,
	"answer" "satisfaction" NOT NULL,
	CONSTRAINT "survey_answers_response_id_cadre_id_pk" PRIMARY KEY("response_id","cadre_id")
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survey_id" integer NOT NULL,
	"token_id" integer NOT NULL,
	"comment" text,
	"received_on" date NOT NULL,
	CONSTRAINT "survey_responses_tokenId_unique" UNIQUE("token_id")
);
--> statement-breakpoint
CREATE TABLE "survey_subjects" (
	"survey_id" integer NOT NULL,
	"cadre_id" integer NOT NULL,
	CONSTRAINT "survey_subjects_survey_id_cadre_id_pk" PRIMARY KEY("survey_id","cadre_id")
);
--> statement-breakpoint
CREATE TABLE "survey_tokens" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "survey_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"survey_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_tokens_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "surveys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"village_id" integer NOT NULL,
	"title" text NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"state" "survey_state" DEFAULT 'open' NOT NULL,
	"closed_on" date,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_dates" CHECK ("surveys"."closes_on" >= "surveys"."opens_on"),
	CONSTRAINT "surveys_closed" CHECK (("surveys"."state" = 'closed') = ("surveys"."closed_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "tip_messages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tip_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"tip_id" uuid NOT NULL,
	"author" "tip_author" NOT NULL,
	"handler_user_id" integer,
	"key_id" text NOT NULL,
	"ciphertext" text NOT NULL,
	"sent_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"receipt_hash" text NOT NULL,
	"key_id" text NOT NULL,
	"ciphertext" text NOT NULL,
	"status" "tip_status" DEFAULT 'received' NOT NULL,
	"subject_cadre_id" integer,
	"org_unit_id" integer,
	"received_on" date NOT NULL,
	"verified_on" date,
	"verified_by_user_id" integer,
	CONSTRAINT "tips_receiptHash_unique" UNIQUE("receipt_hash")
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"seq" smallint NOT NULL,
	"event" text NOT NULL,
	"occurred_on" date NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" integer,
	"actor_role" "role",
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"idempotency_key" text,
	CONSTRAINT "case_events_idempotencyKey_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "case_events_seq" UNIQUE("case_id","seq")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"cadre_id" integer NOT NULL,
	"assignment_id" integer NOT NULL,
	"village_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"clause" text NOT NULL,
	"track" "case_track" NOT NULL,
	"dispatch_level" "dispatch_level" NOT NULL,
	"origin" "case_origin" NOT NULL,
	"flag_id" integer,
	"tip_id" uuid,
	"step" text NOT NULL,
	"state" "case_state" DEFAULT 'open' NOT NULL,
	"opened_on" date NOT NULL,
	"opened_by_user_id" integer,
	"notice_on" date,
	"closed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_flagId_unique" UNIQUE("flag_id"),
	CONSTRAINT "cases_clause" CHECK ("cases"."clause" in ('2.1','2.2','2.3','2.4','2.5','2.6','2.7','2.8','2.9','2.10','2.11','2.12','2.13')),
	CONSTRAINT "cases_closed" CHECK (("cases"."state" = 'closed') = ("cases"."closed_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "deadlines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deadlines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"step" text NOT NULL,
	"clause" text NOT NULL,
	"starts_on" date NOT NULL,
	"due" date NOT NULL,
	"provisional" boolean NOT NULL,
	"met_on" date,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	CONSTRAINT "deadlines_one_per_step" UNIQUE("case_id","step")
);
--> statement-breakpoint
CREATE TABLE "flags" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "flags_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"cadre_id" integer NOT NULL,
	"assignment_id" integer NOT NULL,
	"village_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"clause" text NOT NULL,
	"raised_on" date NOT NULL,
	"source_key" text NOT NULL,
	"state" "flag_state" DEFAULT 'open' NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decided_by_user_id" integer,
	"decided_at" timestamp with time zone,
	"dismiss_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flags_once_per_source" UNIQUE("cadre_id","clause","source_key"),
	CONSTRAINT "flags_clause" CHECK ("flags"."clause" in ('2.1', '2.2', '2.3', '2.4', '2.5')),
	CONSTRAINT "flags_dismiss_reason" CHECK ("flags"."state" <> 'dismissed' or length(trim("flags"."dismiss_reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "sanctions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sanctions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"cadre_id" integer NOT NULL,
	"case_id" integer,
	"review_id" integer,
	"starts_on" date NOT NULL,
	"no_awards_year" smallint,
	"no_promotion_until" date,
	"bonus_withheld_min" numeric(4, 3),
	"admonition_talk" boolean DEFAULT false NOT NULL,
	"lapsed_on" date,
	CONSTRAINT "sanctions_caseId_unique" UNIQUE("case_id"),
	CONSTRAINT "sanctions_reviewId_unique" UNIQUE("review_id"),
	CONSTRAINT "sanctions_source" CHECK (("sanctions"."case_id" is null) <> ("sanctions"."review_id" is null))
);
--> statement-breakpoint
CREATE TABLE "responsibility_findings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "responsibility_findings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"clause" text NOT NULL,
	"dispatching_unit_id" integer,
	"org_unit_id" integer,
	"found_on" date NOT NULL,
	"note" text NOT NULL,
	"accountability_talk_on" date,
	"rectified_on" date,
	"recorded_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "responsibility_findings_clause" CHECK ("responsibility_findings"."clause" in ('4.1', '4.2', '4.3')),
	CONSTRAINT "responsibility_findings_subject" CHECK (("responsibility_findings"."dispatching_unit_id" is null) <> ("responsibility_findings"."org_unit_id" is null))
);
--> statement-breakpoint
CREATE TABLE "support_records" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "support_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"cadre_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"kind" "support_kind" NOT NULL,
	"amount_yuan" numeric(12, 2),
	"occurred_on" date NOT NULL,
	"note" text,
	"recorded_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_records_amount" CHECK ("support_records"."amount_yuan" is null or "support_records"."amount_yuan" >= 0)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" integer,
	"actor_role" "role",
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text,
	"hash" text NOT NULL,
	CONSTRAINT "audit_log_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"org_unit_id" integer NOT NULL,
	"date" date NOT NULL,
	"kind" "calendar_day_kind" NOT NULL,
	"name" text NOT NULL,
	"created_by_user_id" integer,
	CONSTRAINT "calendar_days_org_unit_id_date_pk" PRIMARY KEY("org_unit_id","date")
);
--> statement-breakpoint
CREATE TABLE "holiday_schedules" (
	"year" smallint PRIMARY KEY NOT NULL,
	"schedule" jsonb NOT NULL,
	"imported_by_user_id" integer,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"job" text NOT NULL,
	"occurrence" timestamp with time zone NOT NULL,
	"state" "job_state" DEFAULT 'running' NOT NULL,
	"attempts" smallint DEFAULT 1 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text,
	"result" jsonb,
	CONSTRAINT "job_runs_job_occurrence_pk" PRIMARY KEY("job","occurrence"),
	CONSTRAINT "job_runs_finished" CHECK (("job_runs"."state" = 'running') = ("job_runs"."finished_at" is null))
);
--> statement-breakpoint
CREATE TABLE "parameter_overrides" (
	"org_unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"value" double precision NOT NULL,
	"set_by_user_id" integer,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parameter_overrides_org_unit_id_name_pk" PRIMARY KEY("org_unit_id","name")
);
--> statement-breakpoint
ALTER TABLE "dispatching_units" ADD CONSTRAINT "dispatching_units_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_parent_id_org_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_village_id_org_units_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_dispatching_unit_id_dispatching_units_id_fk" FOREIGN KEY ("dispatching_unit_id") REFERENCES "public"."dispatching_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadres" ADD CONSTRAINT "cadres_dispatching_unit_id_dispatching_units_id_fk" FOREIGN KEY ("dispatching_unit_id") REFERENCES "public"."dispatching_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "login_tokens" ADD CONSTRAINT "login_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_dispatching_unit_id_dispatching_units_id_fk" FOREIGN KEY ("dispatching_unit_id") REFERENCES "public"."dispatching_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_links" ADD CONSTRAINT "bot_links_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_links" ADD CONSTRAINT "bot_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_village_id_org_units_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diary_entries" ADD CONSTRAINT "diary_entries_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diary_entries" ADD CONSTRAINT "diary_entries_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verified_presence" ADD CONSTRAINT "verified_presence_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verified_presence" ADD CONSTRAINT "verified_presence_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verified_presence" ADD CONSTRAINT "verified_presence_verified_by_user_id_users_id_fk" FOREIGN KEY ("verified_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_approvals" ADD CONSTRAINT "leave_approvals_leave_id_leave_requests_id_fk" FOREIGN KEY ("leave_id") REFERENCES "public"."leave_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_approvals" ADD CONSTRAINT "leave_approvals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_requests" ADD CONSTRAINT "leave_requests_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_requests" ADD CONSTRAINT "leave_requests_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_requests" ADD CONSTRAINT "leave_requests_return_check_in_id_check_ins_id_fk" FOREIGN KEY ("return_check_in_id") REFERENCES "public"."check_ins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_inspector_user_id_users_id_fk" FOREIGN KEY ("inspector_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_response_id_survey_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."survey_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_token_id_survey_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."survey_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_subjects" ADD CONSTRAINT "survey_subjects_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_subjects" ADD CONSTRAINT "survey_subjects_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_tokens" ADD CONSTRAINT "survey_tokens_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_village_id_org_units_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_messages" ADD CONSTRAINT "tip_messages_tip_id_tips_id_fk" FOREIGN KEY ("tip_id") REFERENCES "public"."tips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_messages" ADD CONSTRAINT "tip_messages_handler_user_id_users_id_fk" FOREIGN KEY ("handler_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tips" ADD CONSTRAINT "tips_subject_cadre_id_cadres_id_fk" FOREIGN KEY ("subject_cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tips" ADD CONSTRAINT "tips_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tips" ADD CONSTRAINT "tips_verified_by_user_id_users_id_fk" FOREIGN KEY ("verified_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_village_id_org_units_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_flag_id_flags_id_fk" FOREIGN KEY ("flag_id") REFERENCES "public"."flags"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_tip_id_tips_id_fk" FOREIGN KEY ("tip_id") REFERENCES "public"."tips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_opened_by_user_id_users_id_fk" FOREIGN KEY ("opened_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_village_id_org_units_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sanctions" ADD CONSTRAINT "sanctions_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sanctions" ADD CONSTRAINT "sanctions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sanctions" ADD CONSTRAINT "sanctions_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibility_findings" ADD CONSTRAINT "responsibility_findings_dispatching_unit_id_dispatching_units_id_fk" FOREIGN KEY ("dispatching_unit_id") REFERENCES "public"."dispatching_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibility_findings" ADD CONSTRAINT "responsibility_findings_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibility_findings" ADD CONSTRAINT "responsibility_findings_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_records" ADD CONSTRAINT "support_records_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_records" ADD CONSTRAINT "support_records_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holiday_schedules" ADD CONSTRAINT "holiday_schedules_imported_by_user_id_users_id_fk" FOREIGN KEY ("imported_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parameter_overrides" ADD CONSTRAINT "parameter_overrides_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parameter_overrides" ADD CONSTRAINT "parameter_overrides_set_by_user_id_users_id_fk" FOREIGN KEY ("set_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispatching_units_org_unit_idx" ON "dispatching_units" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "org_units_parent_idx" ON "org_units" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "org_units_path_prefix_idx" ON "org_units" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_one_open_per_cadre" ON "assignments" USING btree ("cadre_id") WHERE "assignments"."ends_on" is null;--> statement-breakpoint
CREATE INDEX "assignments_village_idx" ON "assignments" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "cadres_dispatching_unit_idx" ON "cadres" USING btree ("dispatching_unit_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expiry_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "check_ins_cadre_date_idx" ON "check_ins" USING btree ("cadre_id","local_date");--> statement-breakpoint
CREATE INDEX "check_ins_village_date_idx" ON "check_ins" USING btree ("village_id","local_date");--> statement-breakpoint
CREATE INDEX "diary_entries_cadre_date_idx" ON "diary_entries" USING btree ("cadre_id","local_date");--> statement-breakpoint
CREATE INDEX "leave_requests_cadre_idx" ON "leave_requests" USING btree ("cadre_id","starts_on");--> statement-breakpoint
CREATE INDEX "leave_requests_pending_idx" ON "leave_requests" USING btree ("state") WHERE "leave_requests"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "inspections_cadre_date_idx" ON "inspections" USING btree ("cadre_id","date");--> statement-breakpoint
CREATE INDEX "surveys_village_idx" ON "surveys" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "tip_messages_tip_idx" ON "tip_messages" USING btree ("tip_id");--> statement-breakpoint
CREATE INDEX "tips_status_idx" ON "tips" USING btree ("status","org_unit_id");--> statement-breakpoint
CREATE INDEX "cases_state_scope_idx" ON "cases" USING btree ("state","scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "cases_cadre_idx" ON "cases" USING btree ("cadre_id");--> statement-breakpoint
CREATE INDEX "deadlines_open_due_idx" ON "deadlines" USING btree ("due") WHERE "deadlines"."met_on" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "flags_one_open_per_clause" ON "flags" USING btree ("cadre_id","clause") WHERE "flags"."state" = 'open';--> statement-breakpoint
CREATE INDEX "flags_state_scope_idx" ON "flags" USING btree ("state","scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "sanctions_cadre_idx" ON "sanctions" USING btree ("cadre_id");--> statement-breakpoint
CREATE INDEX "support_records_cadre_year_idx" ON "support_records" USING btree ("cadre_id","year");