// Named errors of the working-day calendar (clauses.md §3): bugs in the caller, never domain refusals.
// A refusal a user can cause (an uploaded schedule that is wrong) is a value: see parseSchedule.

/** createCalendar got schedules or local days that do not validate: a bug in the code that built them. */
export class CalendarConfigError extends Error {
  override name = 'CalendarConfigError';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/** A calendar function got a date that is not 'YYYY-MM-DD', or a count that is not allowed. */
export class CalendarInputError extends Error {
  override name = 'CalendarInputError';
}
