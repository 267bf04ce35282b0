// Every scheduled job in one place, with its rule in Beijing wall-clock time. A county may switch a
// per-county job off or move it (job_settings); everything else is here. To change when a job
// runs, change its rule in its own file.
import type { Job } from './job';
import { checkInReminder } from './check-in-reminder';
import { deadlineReminders } from './deadlines';
import { housekeeping } from './housekeeping';
import { monthClose } from './month-close';
import { annualReviewReminder, halfYearReviewReminder } from './review-reminders';
import { supportCheck } from './support-check';
import { surveyClose } from './survey-close';

export const jobs: readonly Job[] = [
  monthClose,
  surveyClose,
  checkInReminder,
  deadlineReminders,
  halfYearReviewReminder,
  annualReviewReminder,
  supportCheck,
  housekeeping,
];

export function jobNamed(name: string): Job | undefined {
  return jobs.find((job) => job.name === name);
}
