## General
fault = Sorry, something went wrong and this message was not saved. Please try again later.
unknown-command = There is no such command. Send /help to see what you can do.
not-understood = I did not understand that. Send /help to see what you can do.
only-private = Please use this in a private chat with the bot.

## Menu buttons
button-checkin = 📍 Check in
button-diary = 📝 Diary
button-leave = 🗓 Leave
button-me = 👤 Me
button-report = 📣 Report

## Command menu
command-start = Start
command-help = Help
command-checkin = Check in
command-diary = Write a diary entry
command-leave = Ask for leave
command-return = Report back from leave
command-me = My month
command-report = Anonymous report
command-followup = Follow up a report

## Help and linking
help-cadre =
    The village assistant helps you:
    📍 Check in — tap "Check in" to send your location; each day in the village counts once
    📝 Diary — just send text, a photo or a voice note
    🗓 Leave /leave, report back /return
    👤 /me — your days this month, leave, flags and cases
    📣 /report — anonymous report
help-guest =
    Hello! This is the assistant for village-stationed cadres.
    • Anyone can send an anonymous report with /report and follow it up with /followup and the receipt code.
    • Cadres: please use the link the organization department sent you.
start-linked-cadre = Linked: { $name }, { $village }. Tap "📍 Check in" each day to send your location.
start-linked-user = Linked: { $name }. You will be told when something waits for your approval; send /waiting to see the leave waiting for you now, /login to sign in to the app.
invitation-unknown = This link code is not valid. Ask the organization department for a new link.
invitation-used = This link code has been used already. Ask the organization department for a new link.
invitation-expired = This link code has expired (valid for 7 days). Ask the organization department for a new link.
not-linked = This is for linked village cadres only. Please use the link the organization department sent you.
no-assignment = You have no current village assignment, so you cannot check in. Ask the county organization department.

## Check-in
checkin-ask = Tap the "📍 Check in" button below to send where you are now.
checkin-forwarded = A forwarded location cannot be used. Tap "📍 Check in" to send where you are now.
checkin-venue = A venue cannot be used to check in. Tap "📍 Check in" to send where you are now.
checkin-stale = This location was not sent just now. Tap "📍 Check in" to send where you are now.
checkin-inside = ✅ Checked in: { $date } counts as a day in the village.
checkin-inside-again = ✅ Recorded. Today ({ $date }) already counts as a day in the village; it is not counted twice.
checkin-outside = ⚠️ You are about { $distance } from { $village }, outside its area ({ $radius }). The location is recorded, but today does not count.
checkin-returned = 🔙 You have reported back from leave ({ $date }). Welcome back.
month-so-far = { $month }: { $inVillage } days in the village, { $leave } on leave, { $needed ->
        [0] the { $required } days required this month are reached
       *[other] { $needed } more needed ({ $required } required this month)
    }.
checkin-photo-hint = If you like, send a photo of the place (not required).
checkin-photo-saved = 📷 The photo is attached to today's check-in.

## Diary
diary-saved = 📝 Diary entry saved ({ $date }). { $count } this month.
diary-empty = A diary entry needs text, a photo or a voice note.
diary-ask = Just send today's diary entry: text, a photo or a voice note.
diary-undo = Undo this entry
diary-undone = The diary entry has been removed.
diary-undo-too-late = Only an entry written today can be undone; this one cannot.

## Leave and reporting back
conversation-cancelled = Cancelled; nothing was saved.
nothing-to-cancel = Nothing is in progress.
leave-ask-kind = Kind of leave:
leave-kind-personal = Personal
leave-kind-sick = Sick
leave-kind-official = Official business
leave-kind-other = Other
leave-pick-kind = Tap one of the buttons above, or send /cancel.
leave-ask-from = From which day? You can write 2026-12-01, 12月1日 or tomorrow.
leave-ask-to = Until which day (included)? It starts on { $from }.
leave-text-please = Please answer in text, or send /cancel.
leave-date-invalid = That date does not exist; please check it (there is no 30 February, for example).
leave-date-unrecognised = I could not read that date. Write 2026-12-01, 12月1日, today or tomorrow.
leave-from-past = Leave cannot start in the past; the earliest is { $date }.
leave-to-before-from = The last day cannot be before the first, { $date }.
leave-ask-reason = Briefly, what is the reason?
leave-reason-length = The reason must not be empty or longer than { $max } characters.
leave-summary =
    Please confirm:
    Kind: { $kind }
    Dates: { $from } to { $to }
    Reason: { $reason }
leave-confirm-yes = ✅ Submit
leave-confirm-no = ❌ Cancel
leave-confirm-please = Tap "✅ Submit" or "❌ Cancel".
leave-cancelled = Cancelled; the leave was not submitted.
approver-township = the township Party committee
approver-dispatchingUnit = the dispatching unit
approver-county = the county organization department
leave-filed = 🗓 Leave submitted ({ $days } days). Approval by: { $chain }. You will hear the decisions.
leave-no-approver-linked = Note: the approver has not linked the bot yet; please also tell them in person or by phone.
leave-refused-no-assignment = You have no current village assignment, so you cannot ask for leave.
leave-refused-leave-ends-before-start = The last day is before the first; please fill it in again.
leave-refused-leave-starts-in-past = Leave must be asked for in advance; it cannot start in the past.
leave-refused-leave-overlaps = These days overlap a leave you already have. You can withdraw that one in /me first.
leave-refused-leave-outside-assignment = These days are outside your village assignment.
leave-refused-duplicate = This leave was submitted already.
leave-refused-leave-not-pending = This leave has been decided already.
leave-refused-not-your-step = It is not your turn to decide on this leave yet.
leave-refused-out-of-scope = This cadre is not in your area.
leave-request-to-approver =
    🗓 Leave to approve ({ $step })
    { $name } ({ $village })
    { $kind }: { $from } to { $to }, { $days } days
    Reason: { $reason }
leave-approve = ✅ Approve
leave-reject = ❌ Reject
leave-not-yours = You cannot decide on this leave.
leave-you-approved = You approved { $name }'s leave.
leave-you-rejected = You rejected { $name }'s leave.
leave-approved = ✅ Your leave from { $from } to { $to } is approved ({ $by }). Checking in back in the village reports you back, or send /return.
leave-rejected = ❌ Your leave from { $from } to { $to } was not approved ({ $by }).
leave-step-approved = { $by } agreed to your leave from { $from } to { $to }; now waiting for { $next }.
leave-withdraw = Withdraw the leave from { $from }
leave-withdrawn = The leave from { $from } to { $to } is withdrawn.
leave-cannot-withdraw = This leave can no longer be withdrawn (it has started or was decided).
return-nothing = You have no leave to report back from.
leave-nothing-waiting = No leave is waiting for your approval.

## Me
me-title = 👤 { $name } ({ $village })
me-leave-pending = 🗓 Waiting for approval: { $kind } { $from } to { $to }
me-leave-active = 🗓 On leave: { $kind } { $from } to { $to } (a check-in back in the village reports you back)
me-leave-future = 🗓 Approved: { $kind } { $from } to { $to }
me-leave-overdue = ⚠️ The leave from { $from } to { $to } has ended but you have not reported back; the extra days do not count as leave. Check in or send /return.
me-flag = 🔔 Flag §{ $clause } ({ $situation }) since { $date }, waiting for the office to check
me-case = 📂 Rectification case §{ $clause } ({ $situation }), opened { $date }
me-deadline = {"  "}· { $step }: due { $due }, { $left } working days left{ $provisional }
me-deadline-overdue = {"  "}· { $step }: was due { $due }, { $left } working days overdue{ $provisional }
deadline-appeal = Appeal
deadline-appealAnswer = Answer to the appeal
deadline-recall = Recall to the unit
deadline-return = Return to the village
deadline-replacement = Replacement
provisional = {" "}(provisional: counted on the statutory holidays)
me-nothing-open = No flags or cases.

## Tips
tip-unavailable = Sorry, reports are not open yet.
report-intro =
    📣 Anonymous report
    You can speak freely; this is anonymous:
    • we do not record your Telegram account, name or phone number, only what you write;
    • it is stored encrypted, and only the organization and discipline officers who handle it can read it;
    • when you send it you get a receipt code to follow it up and add more, without giving your name.
    If you do not want to be recognised, leave your own name out, and keep yourself and your home out of photos.
    Nothing is saved before you confirm; send /cancel at any time to stop.
report-ask-subject = 1/6 Whom is it about? A name, or the village where they are stationed (for example: Wang, first secretary in Yangpai village).
report-ask-situation = 2/6 What kind of problem is it? Tap the closest one below.
tip-situation-absent = Often away from the village, does not live there
tip-situation-money = Takes money or gifts, profits from poverty-relief projects, favours friends and family
tip-situation-rules = Lavish meals, public money spent privately, other breaches of discipline
tip-situation-fake = Fakes the field diary or attendance
tip-situation-covering = Ignores or hides village cadres' wrongdoing
tip-situation-disputes = Leaves villagers' disputes unresolved until they petition higher up
tip-situation-emergency = Did not report a serious accident or mass incident, or stay to handle it
tip-situation-slack = Does no real work, does not know the village, many complaints
tip-situation-discipline = Refuses to be managed, quarrels with the village committees
tip-situation-other = Something else
report-ask-when = 3/6 When was it, roughly? For example: last month, in March, all the time. If you do not remember, tap "Not sure".
report-ask-where = 4/6 Where? For example: the village office, which group, which building site. If you do not know, tap "Not sure".
report-not-sure = Not sure
report-ask-details = 5/6 Please tell us what happened: what, how much money or what goods, who else knows. The clearer it is, the easier it is to check.
report-ask-files = 6/6 If you have photos, videos or files, send them now (up to 10), keeping yourself out of them. If you have none, tap "None, skip".
report-files-more = Send more photos, videos or files, or tap "Done".
report-files-skip = None, skip
report-files-done = Done
report-file-received = 📎 Got number { $count }. Send more, or tap "Done".
report-files-full = 📎 Got number { $count }; that is enough.
report-confirm =
    Please check:
    About: { $subject }
    Problem: { $situation }
    When: { $when }
    Where: { $where }
    What happened: { $details }
    Photos and files: { $files }
    Goes to: { $unit ->
        [none] the organization department, which passes it on
       *[other] { $unit }
    }
    If all is right, tap "Send". It cannot be changed afterwards, but you can add more with the receipt code.
report-submit = ✅ Send
report-discard = ❌ Do not send
report-saved =
    ✅ Your report has been sent. Thank you!
    Your receipt code:
    <code>{ $code }</code>
    Write it down or take a screenshot now. It is shown only this once and we do not keep it, so it cannot be recovered.
    Send /followup with the code, or just the code, to see the progress, read replies and add more.
    To be safer, you can delete this chat once you have the code.
report-cancelled = Cancelled; nothing was saved. Send /report when you need it.
tip-busy = You are in the middle of a report. Send /cancel to stop.
tip-need-text = Please answer this step in words.
tip-need-choice = Please tap one of the buttons below.
tip-need-file = This step takes photos, videos or files only.
tip-need-confirm = Please tap "Send" or "Do not send".
tip-too-long = That is too long; please keep it to { $max } characters at most.
tip-too-short = Please write a little more, so that we can understand.
tip-flood-report = You have sent several reports this hour. Please wait a while before sending another.
tip-flood-followup = Too many look-ups. Please try again in a minute.
followup-ask = Send me your receipt code (like ABCD-EFGH-JKMN-PQRS-TVWX), or /followup followed by the code.
followup-unknown = No report has this receipt code. Please check it and send it again: it has 20 letters and digits in 5 groups, like ABCD-EFGH-JKMN-PQRS-TVWX.
followup-status = 📋 Your report of { $date }: { $status ->
        [received] received, waiting to be handled
        [inProgress] being looked into
        [verified] looked into and found true; being dealt with under the rules
        [unfounded] looked into and not found true
       *[closed] closed
    }
followup-no-reply = No reply from the handlers yet.
followup-from-handler = 💬 Handler ({ $date }): { $text }
followup-from-tipster = ✍️ You added ({ $date }): { $text }
followup-files = ({ $count ->
        [one] 1 file
       *[other] { $count } files
    } attached)
followup-add-hint = Anything new? Tap "Add more" below.
followup-add = ✍️ Add more
followup-ask-addition = Send what you want to add: words, a photo, a video or a file. Send /cancel to stop.
followup-need-content = Please send words, a photo, a video or a file.
followup-busy = You are adding to a report. Send /cancel to stop.
followup-added = ✅ Added; the handlers will see it. You can still follow the report up with the receipt code.
followup-cancelled = Cancelled; nothing was added.

## Notifications
flag-raised =
    🔔 New flag §{ $clause } ({ $situation })
    { $name } ({ $village }), { $date }
    After hearing the cadre, confirm it or dismiss it with a reason in the supervisors' app. A flag is a prompt, not a verdict.

## Signing in to the supervisors' app
login-link = 🔑 Sign-in link (valid { $minutes } minutes, once; do not forward it):
    { $link }
login-not-supervisor = This command is for supervisors linked to the bot.
login-unavailable = The app's address is not configured, so links cannot be used to sign in yet.
deadline-ahead-notice =
    ⏰ Deadline: "{ $step }" for { $name } (§{ $situation }) is due { $due }, { $left } working days left ({ $clause }){ $provisional }.
deadline-overdue-notice =
    ⚠️ Overdue: "{ $step }" for { $name } (§{ $situation }) was due { $due }, { $left } working days ago ({ $clause }){ $provisional }. Overdue steps go to the level above.

## Daily check-in reminder (web/jobs/check-in-reminder.ts)
checkin-reminder = 📍 You have not checked in today ({ $date }). If you are in the village, tap "📍 Check in" below to send your location — once is enough. If you are not in the village today, ignore this reminder.

## Escalation of overdue steps (web/jobs/deadlines.ts)
deadline-escalated =
    🔺 Escalated (§4.2): "{ $step }" for { $name } ({ $village }, §{ $situation }) was owed by { $owner } by { $due } ({ $clause }) and is { $overdue } working days overdue.
    It comes to the level above ({ $level }) to follow up; details in the app.
escalation-owner-dispatchingUnit = the dispatching unit { $unit }
escalation-owner-sameLevelDepartment = the same-level organization department
escalation-owner-provincialWorkCommittees = the provincial work committees
escalation-level-county = the county organization department
escalation-level-city = the city organization department
escalation-level-province = the provincial organization department

## Review reminders (web/jobs/review-reminders.ts)
review-reminder-half-year = 📋 Half-year review of { $year }: { $count } cadres in your scope have no rating recorded yet:
review-reminder-annual = 📋 Annual assessment of { $year }: { $count } cadres in your scope have no rating recorded yet:
review-reminder-line = · { $name } ({ $village })
review-reminder-more = … and { $count } more not listed.

## Yearly support check (web/jobs/support-check.ts)
support-check-unit = 🩺 Support check { $year } (§4.6): { $count } of the cadres your unit sent still lack some support; please make it good before the year ends:
support-check-line = · { $name } ({ $village }): { $gaps }
support-check-separator = ;{" "}
support-check-more = … and { $count } more not listed.
support-gap-training = training (none recorded)
support-gap-mealLodgingSubsidy = meal and lodging subsidy (none recorded)
support-gap-transport = transport costs (none recorded)
support-gap-physicalExam = yearly physical exam ({ $actual }/{ $required })
support-gap-accidentInsurance = accident insurance (at least { $required } yuan, covering the whole assigned part of the year)
support-gap-workFunds = village work funds ({ $actual } yuan, at least { $required } required)
