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
start-linked-user = Linked: { $name }. You will be told when something waits for your approval.
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
