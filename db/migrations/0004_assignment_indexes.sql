CREATE INDEX "assignments_cadre_idx" ON "assignments" USING btree ("cadre_id","starts_on");--> statement-breakpoint
CREATE INDEX "check_ins_assignment_date_idx" ON "check_ins" USING btree ("assignment_id","local_date");--> statement-breakpoint
CREATE INDEX "diary_entries_assignment_date_idx" ON "diary_entries" USING btree ("assignment_id","local_date");--> statement-breakpoint
CREATE INDEX "leave_requests_assignment_idx" ON "leave_requests" USING btree ("assignment_id","starts_on");