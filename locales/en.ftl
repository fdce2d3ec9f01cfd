## Common
timezone-moscow = Moscow time
timezone-msk = MSK{ $shift }
nav-menu = 🏠 Menu
nav-back = ‹ Back
nav-cancel = ✖️ Cancel
nav-skip = Skip ›
nav-confirm = Yes, go ahead
nav-keep = ‹ No, go back
nav-cancelled = Cancelled, nothing was saved.
page-range = { $first }–{ $last } of { $total }
date-preset-quarter = End of term — { $date }
date-preset-half = End of half-year — { $date }
date-preset-year = End of school year — { $date }
stale-button = This button is out of date. Open the menu again: /start
not-understood = I did not understand that. Commands: /help, menu: /start.
error-generic = The action could not be completed.
error-unexpected = Sorry, something went wrong. The error has been logged; please try again a little later.
error-forbidden = You are not allowed to do this.
error-not-found = No such record — it may have been removed.
error-invalid-input = This value is not acceptable.
door-private-only = I work in private chats only: write to me there.
door-open-private = Write to the bot
door-consent-first = First, please consent to the processing of your personal data: /start
door-conversation-lost = This conversation has expired. Please start again: /start

## Roles
role-teacher = teacher
role-admin = administrator
role-methodist = methodist
role-coordinator = school coordinator
role-mentor = mentor
role-none = none yet

## Telegram menu commands
cmd-start = Main menu
cmd-help = What the bot can do
cmd-settings = Settings and language
cmd-roster = Staff roster: template and upload
cmd-invite = Invite a coordinator, mentor or methodist
cmd-orgs = Municipalities of the region

## Consent and start
consent-ask =
    <b>Hello! This is the bot of the scientific-methodological support of teachers.</b>

    To continue, please consent to the processing of your personal data (Federal Law 152-FZ): full name, organisation, position, birth date, tenure — for individual educational routes, event sign-ups and mentoring.
    Operator: { $operator }.{ $policy ->
        [none] {""}
       *[other] {" "}Personal data processing policy: { $policy }
    }

    You can withdraw your consent and delete your data at any time: /settings → “Withdraw consent and delete my data”.
consent-button = ✅ I consent
consent-thanks = Thank you, your consent is saved.
start-unknown =
    This account is not linked to the staff roster yet.

    If you have a personal invite link, open it. Or ask to join: choose your municipality and school — the school's coordinator or the municipality's methodist will decide.
join-button = 📝 Ask to join

## Menu
menu-title = <b>Main menu</b>
    Your roles: { $roles }
menu-profile = 👤 My profile
menu-roster = 📋 Roster
menu-invite = ✉️ Invites
menu-catalogue = 📚 Catalogue and diagnostics
menu-orgs = 🏛 Municipalities
menu-settings = ⚙️ Settings
menu-help = ❓ Help
profile =
    <b>{ $name }</b>
    Organisation: { $school }
    Position: { $position }
    Subjects: { $subjects }{ $young ->
        [yes] { "\u000A" }🌱 Young specialist
       *[no] { "" }
    }
    { $diagnostic ->
        [none] No diagnostic of professional deficits yet.
       *[other] Latest diagnostic: { $diagnostic }, level: { $level }
    }

## Help
help-intro = <b>What the bot does</b>
help-guest = Open your personal invite link or ask to join: /start
help-line = { $button } — { $what }{ $command ->
    [none] {""}
   *[other] {" "}({ $command })
}
help-navigation = Every screen has «🏠 Menu», every form has «✖️ Cancel»; /menu opens the menu, /cancel stops what you started.
help-item-route = your individual educational route: items, deadlines, reports with evidence; for managers, approval.
help-item-events = seminars and methodical events: sign-up, waitlist, calendar; for organisers, creation and attendance; for coordinators, who of their organisation came to past ones.
help-item-mentor = mentoring: messages with your mentor or mentees (just write a message), the meeting log confirmed by the other side, the plan; for coordinators and methodists — pairs, their upload and export.
help-item-communities = methodical associations and professional communities.
help-item-profile = your roster data and latest diagnostic.
help-item-indicators = indicators of the methodical support system for an organisation, municipality or region.
help-item-roster = the teachers' roster: template, file upload, personal links.
help-item-invite = invites for coordinators, mentors, methodists.
help-item-catalogue = the municipality's activity catalogue and diagnostics: templates, file uploads, a diagnostic by hand.
help-item-news = news and broadcasts by school, role, subject.
help-item-orgs = the region's municipalities and organisations.
help-item-settings = language, the weekly summary, my data and consent.
help-item-help = this help.

## Invites
invite-linked = Welcome, <b>{ $name }</b>! Your account is linked to the staff roster.
invite-role = You now have the role "{ $role }": { $org }.
self-link-ask = Find yourself in the staff roster so the bot knows who you are: your mentoring pairs and ИОМ will then appear.
    Organisation: { $org }
    Write your surname, first name and patronymic in full, as in the roster.
self-link-found = Is this you? Tap your line.
    Organisation: { $org }
self-link-this-is-me = ✅ This is me: { $name } · { $position }
self-link-nobody = The roster has nobody with this full name who has not joined the bot yet.
    Written: { $name }
    Organisation: { $org }
    Check the spelling (in full, as in the roster) or tap «I am not in the roster»; the coordinator can add you to the roster.
self-link-not-listed = I am not in the roster
self-link-skipped = Your account is not linked to the roster. Once you are added to it, the coordinator will send you a personal link.
self-link-full-name = Write your surname, first name and patronymic in full, as in the roster.
self-link-taken = This teacher has already joined the bot from another account. If it is you, please contact the coordinator.
self-link-already = Your account is already linked to the staff roster.
self-link-told = 🔗 Someone joined by an invite and identified as a roster person: <b>{ $name }</b> ({ $position }), { $org }. If that is not them, tell the bot administrator.
invite-unknown = Invite link not found. Check the link or ask your coordinator for a new one.
invite-used = This invite link has already been used. If it was not you, tell your coordinator.
invite-expired = This invite link has expired. Ask your coordinator or methodist for a new one.
invite-foreign = This link is meant for another teacher, and your account is already linked to the roster.
invite-joined = already joined
invite-choose-role = Whom do you want to invite?
invite-choose-municipality = Choose a municipality:
invite-choose-school = Choose an organisation:
invite-created =
    The invite for the role "{ $role }" ({ $org }) is ready. Forward the link to the person — it is single-use and valid for { $days ->
        [one] { $days } day
       *[other] { $days } days
    }:

    { $link }
invites-sheet = Invites
col-school = Organisation
col-name = Full name
col-invite = Invite link
col-valid-until = Valid until
col-row = Row
col-column = Column
col-problem = What is wrong

## Join requests
join-choose-municipality = Choose your municipality:
join-choose-school = { $municipality }: choose your organisation:
join-no-municipalities = There are no municipalities in the bot yet. Please contact your methodist.
join-no-schools = "{ $municipality }" has no organisations yet. Please contact your methodist.
join-type-name = { $school }. Type your full name (surname, first name, patronymic), e.g. Ivanova Maria Petrovna.
join-bad-name = Type your full name in letters, separated by spaces (2–4 words).
join-sent = { $who ->
        [coordinator] Your request was sent to the coordinator of "{ $school }".
        [methodist] "{ $school }" has no coordinator yet: the methodist of "{ $municipality }" will decide.
       *[admin] Neither "{ $school }" nor "{ $municipality }" has a coordinator or a methodist yet: the bot's administrator will decide.
    } I will tell you when it is decided.
join-already-member = Your account is already linked to the roster. Menu: /start.
join-already-pending = Your request is already waiting for a decision.
join-request =
    <b>Request to join</b>
    { $name }
    { $school } ({ $municipality })
join-approve = ✅ Approve
join-reject = ❌ Reject
join-approved-by-you = ✅ Approved: { $name }
join-rejected-by-you = ❌ Rejected: { $name }
join-already-decided = This request has already been decided.
join-approved = ✅ Your request was approved. Welcome!
join-rejected = Your request was rejected. If this is a mistake, contact your school's coordinator.

## Roster
roster-template =
    Roster template for "{ $scope }". Fill in one row per teacher and send the file here (XLSX or CSV).
    Required columns: ФИО, Должность, Дата рождения, Начало педагогической деятельности; for methodists also Организация.
roster-send-file = Send the roster file (XLSX or CSV) as a document.
roster-checking = ⏳ Checking the file…
file-too-big = The file is too big: { $limit } MB at most.
file-wrong-type = An XLSX or CSV file is needed.
file-damaged = The file is damaged and could not be read. Open it, save it again as XLSX or CSV and send it again.
file-reading = ⏳ Reading the file: { $rows } rows so far…
roster-rejected = ❌ The file was not imported: { $count ->
        [one] { $count } problem
       *[other] { $count } problems
    }. Fix them and send it again — nothing was written.
roster-problem = Row { $line }, "{ $column }": { $problem }
roster-more-problems = …and { $count } more. The full list is in the file.
roster-problems-sheet = Problems
roster-new-schools = The file names { $count ->
        [one] { $count } organisation
       *[other] { $count } organisations
    } not yet in "{ $municipality }". Create them?
roster-school-list = { $names }{ $more ->
        [0] { "" }
       *[other] { "\u000A" }…and { $more } more
    }
roster-create-schools = ✅ Create and import
roster-cancelled = Import cancelled, nothing was written.
roster-schools-not-confirmed = Confirm the new organisations first.
roster-imported =
    ✅ Roster imported.
    Added: { $created }, updated: { $updated }, unchanged: { $unchanged }, new organisations: { $schools }.
roster-invites = Personal invite links, one per teacher. Send them out — each is single-use.
problem-empty = the file has no data rows
problem-missing-column = a required column is missing
problem-required = empty
problem-bad-name = a full name is 2–4 words of letters: "{ $value }"
problem-too-long = the value is too long
problem-duplicate = this person is already in row { $value }
problem-bad-age = birth date out of range (16–100 years): "{ $value }"
problem-bad-date = not a date (DD.MM.YYYY): "{ $value }"
problem-in-future = date in the future: "{ $value }"
problem-before-age-14 = work started before the age of 14: "{ $value }"
problem-bad-flag = must be "да" or "нет": "{ $value }"
problem-bad-email = invalid e-mail: "{ $value }"
problem-bad-phone = invalid phone number: "{ $value }"
problem-other-school = not your organisation: "{ $value }"

## Organisations
orgs-title = <b>Municipalities of the region</b> ({ $count })
orgs-line = • { $name } — { $timezone }
orgs-add = ➕ Add a municipality
orgs-type-name = Type the municipality's name.
orgs-choose-timezone = "{ $name }": choose the time zone.
orgs-created = ✅ Municipality "{ $name }" created ({ $timezone }). Invite its methodist: /invite
orgs-types = 🏫 Organisation types
orgs-types-pick = Choose a municipality, then an organisation:
orgs-types-choose = What kind of organisation is it? Indicators about general-education organisations and schools count only general-education ones.
orgs-type-set = ✅ “{ $name }”: { $org_type }.
org-type-general = general education
org-type-preschool = preschool
org-type-additional = additional education
org-type-vocational = vocational
org-type-other = other
org-bad-name = A name is 1 to { $limit } characters.
org-bad-timezone = Unknown time zone: { $value }
org-duplicate = Municipality "{ $name }" already exists.

## Settings
settings-title = <b>Settings</b>: interface language, the weekly summary and your data.
settings-language-set = Language: English.
language-ru = Русский
language-en = English

## Demo
migrate-done = The database schema is up to date.
demo-ready = The demo municipality is ready: three schools and a kindergarten, teachers with diagnostics and routes, events, mentoring, communities, news and a year of indicators. Sign in with a link as the role you want (each link works once):
demo-invite = { $role } ({ $name }): { $link }
demo-any-name = not linked to a teacher
demo-role-mentee = young specialist, mentee
demo-joined = { $role } ({ $name }): already joined by invite
demo-admin-note = Administrator: put your Telegram id into ADMIN_IDS and send /start to the bot.
demo-refused = The database holds data outside the demo municipality ({ $names }). The demo fills only an empty database or its own; nothing was written.
demo-found-organisations = organisations
demo-found-people = teachers
demo-found-users = users

## Files
problem-bad-choice = not one of the allowed values: "{ $value }"
problem-bad-number = not a number: "{ $value }"
problem-not-in-roster = not in the roster (check the full name and birth date): "{ $value }"

## Routes: the teacher's route
cmd-route = My individual educational route
menu-route = 🧭 My route
route-none = You have no individual educational route yet. Build one from your latest diagnostic, or take the self-assessment first.
route-start = 🧭 Build my route
route-proposed = A draft route is ready: { $count } activities proposed from your diagnostic. Check, add or remove items, then submit it for approval.
route-title = <b>Individual educational route</b> { $name } ({ $school })
route-status = Status: { $status }
route-progress = { $done } of { $total } done{ $overdue ->
        [0] {""}
       *[other] , { $overdue } overdue
    }
route-comment = 💬 { $comment }
route-add-catalogue = ➕ From the catalogue
route-add-own = ✏️ My own activity
route-submit = 📤 Submit for approval
route-submitted = 📤 The route was submitted for approval.
route-item-added = Item added.
route-item-removed = Item removed.
route-open = Open the route
route-status-draft = draft
route-status-submitted = awaiting approval
route-status-returned = returned for changes
route-status-approved = approved
route-status-in_progress = in progress
route-status-implemented = implemented
item-status-planned = planned
item-status-reported = under review
item-status-confirmed = confirmed
item-status-returned = returned
kind-course = Course
kind-seminar = Seminar
kind-master_class = Master class
kind-internship = Internship
kind-consultation = Consultation
kind-association = Methodical association
kind-mentoring = Mentoring
kind-self_education = Self-education
kind-contest = Contest
area-subject = subject
area-methodical = methodical
area-psychological = psychological and pedagogical
area-communicative = communicative
area-digital = digital
area-none = none
catalogue-choose = Choose an activity from the catalogue:
catalogue-empty = The municipality's catalogue is empty yet. Add your own activity.
own-item-title = Type the activity's title (up to 300 characters).
own-item-kind = Choose the kind of activity:
own-item-area = Which deficit does it address?
own-item-deadline = Choose the deadline: end of term, half-year, school year or a day in the calendar. Or type it: DD.MM.YYYY.
item-title = <b>{ $title }</b>
item-kind = { $kind } · competences: { $area }
item-hours = Hours: { $hours } · registry: { $registry ->
        [federal] federal
        [regional] regional
       *[none] —
    }
item-deadline = Deadline: { $deadline }{ $late ->
        [yes] {" "}❗ overdue
       *[no] {""}
    }
item-status = Status: { $status }
item-history = <b>History:</b>
history-line = { $at } — { $action }: { $who }
history-created = route created
history-submitted = submitted for approval
history-approved = approved
history-returned = returned
history-reported = reported done
history-confirmed = confirmed
history-item_returned = report returned
history-implemented = route implemented
item-edit = ✏️ Edit
edit-choose = "{ $title }": what to change?
edit-title = Title
edit-kind = Kind
edit-area = Deficit
edit-hours = Hours
edit-deadline = Deadline
edit-ask-title = Type the new title (up to 300 characters).
edit-ask-kind = Choose the kind of activity:
edit-ask-area = Which deficit does the item address?
edit-ask-hours = How many hours? Choose or type a number; "Skip" leaves it without hours.
edit-ask-deadline = Choose the new deadline: end of the term, half-year, school year or a day in the calendar. You can also type it: DD.MM.YYYY.
edit-saved = Saved.
edit-done = ✅ The item "{ $title }" is changed.
item-remove = 🗑 Remove
item-report = ✅ Done
report-ask = "{ $title }". Send proof: a document, photo, link or text (several are fine), then press "Send for review".
report-added = Received: { $count }. Add more or send for review.
report-send = 📤 Send for review
report-sent = 📤 The report was sent for review.
evidence-texts = <b>Proof:</b>
    { $texts }
evidence-too-big = The file is over { $limit } MB, which the bot cannot open. Send a smaller file or a link.
evidence-wrong-type = This kind of attachment is not accepted. Send a document (PDF, Word, Excel, PowerPoint, image, archive), a photo, a link or text.
evidence-bad-text = Proof text is up to { $limit } characters.
evidence-bad-link = A link starts with http:// or https:// and has no spaces.
evidence-missing = Attach at least one piece of proof.
evidence-too-many = At most { $limit } attachments per item.
item-already-reported = This item is already under review or confirmed.
route-not-approved = Items can be reported once the route is approved.
route-not-editable = The route is awaiting approval or approved and cannot be changed.
route-deadline-past = A deadline cannot be in the past.
route-deadline-far = A deadline is at most three years from today.
route-bad-date = I did not understand the date. Type it as DD.MM.YYYY, e.g. 15.03.2027.
route-bad-title = A title is 1 to { $limit } characters.
route-bad-hours = Hours are a whole number from 1 to 2000.
route-empty = The route has no items.
route-too-many-items = A route has at most { $limit } items.

## Routes: self-assessment and uploads
self-assessment-start = 📝 Self-assessment of deficits
self-assessment-question = Question { $number } of { $total }. How confident are you in the "{ $area }" area?
self-assessment-1 = 1 — I need help
self-assessment-2 = 2 — I have difficulties
self-assessment-3 = 3 — mostly confident
self-assessment-4 = 4 — I can help colleagues
self-assessment-done = Self-assessment saved. Deficits: { $deficits }.
self-assessment-incomplete = Answer every self-assessment question.
upload-catalogue = 📚 Upload the activity catalogue
upload-diagnostics = 🩺 Upload diagnostics
upload-catalogue-ask = Fill in the template and send it back (XLSX or CSV). Вид: курс, семинар, мастер-класс, стажировка, консультация, методическое объединение, наставничество, самообразование, конкурс. Реестр: ФР, РР or empty. Компетенции comma-separated: предметные, методические, психолого-педагогические, коммуникативные, цифровые.
upload-diagnostics-ask = Fill in the template and send it back (XLSX or CSV). Вид: федеральная, региональная, муниципальная, школьная. Уровень: высокий, повышенный, базовый, низкий. Дефициты comma-separated: предметные, методические, психолого-педагогические, коммуникативные, цифровые.
catalogue-imported = ✅ Catalogue uploaded: { $created } added, { $updated } updated.
diagnostics-imported = ✅ Diagnostics uploaded: { $added } added, { $skipped } already there.

## Routes: review
review-title = <b>Route review</b>
review-menu = 📥 Route review
review-items = 📥 Reports to review ({ $count })
review-routes = 📝 Routes to approve ({ $count })
review-register = 📊 Route register (XLSX)
review-counts = 📋 Summary by organisation
review-items-title = Reports to review, oldest first: { $count }
review-routes-title = Routes to approve, oldest first: { $count }
review-open = Open
review-approve = ✅ Approve
review-return = ↩️ Return for changes
review-comment-ask = Why are you returning it? Choose a reason, type a comment for the teacher, or return it without a comment.
review-no-comment = Return without a comment
review-route-waiting = 📝 Route to approve: { $name }
review-item-waiting = 📥 Report to review: { $name } — "{ $title }"
review-route-approved = ✅ Route approved: { $name }
review-route-returned = ↩️ Route returned: { $name }
review-item-returned = ↩️ Report returned: "{ $title }" ({ $name })
review-item-confirmed = Confirmed.
item-confirm = ✔️ Confirm
item-return = ↩️ Return
route-already-reviewed = This route has already been reviewed.
item-already-reviewed = This report has already been reviewed.
route-approved-owner = ✅ Your individual educational route is approved. You can start and report what you complete.
route-returned-owner = ↩️ Your route was returned for changes.
item-confirmed-owner = ✅ Confirmed: "{ $title }".
item-returned-owner = ↩️ Report returned: "{ $title }".
route-implemented-owner = 🎉 Congratulations! Every item of your route is done — the route is implemented.
register-sheet = Route register
register-caption = Route register: { $count } rows.
register-col-0 = Organisation
register-col-1 = Full name
register-col-2 = Deficit
register-col-3 = Activity
register-col-4 = Kind
register-col-5 = Hours
register-col-6 = Deadline
register-col-7 = Item status
register-col-8 = Route status
register-col-9 = Approved
register-col-10 = Confirmed
register-col-11 = Proof link
register-col-12 = Attachments
counts-title = <b>Routes by organisation</b>
counts-line = { $school }: { $counts }
counts-none = There are no routes in your scope yet.

## Reminders
reminder-7d = ⏰ A week left for the route item "{ $title }" (due { $deadline }).
reminder-1d = ⏰ The route item "{ $title }" is due tomorrow ({ $deadline }).
reminder-overdue = ❗ The route item "{ $title }" is overdue (it was due { $deadline }). Report it done or agree a new deadline.

## Diagnostic by hand
diagnostic-by-hand = ➕ Enter a diagnostic
diagnostic-search = Type the teacher's surname (or part of the full name).
diagnostic-search-short = Type at least two letters.
diagnostic-nobody = Nobody found in your scope. Check the spelling.
diagnostic-choose-person = Choose the teacher:
diagnostic-choose-kind = Kind of diagnostic:
diagnostic-choose-level = Level:
diagnostic-choose-areas = Mark the deficits by competence area and press "Save".
diagnostic-saved = ✅ The diagnostic is saved.
diagnostic-kind-federal = federal
diagnostic-kind-regional = regional
diagnostic-kind-municipal = municipal
diagnostic-kind-school = school
level-high = high
level-elevated = elevated
level-basic = basic
level-low = low
review-teacher-route = 🧭 A teacher's route

## Activity catalogue
catalogue-manage = 📚 Activity catalogue
catalogue-title = <b>The municipality's activity catalogue</b>
catalogue-empty-manage = The catalogue is empty. Upload it as a file.
catalogue-entry = <b>{ $title }</b>
    { $kind } · hours: { $hours } · registry: { $registry ->
        [federal] federal
        [regional] regional
       *[none] —
    }
    Competences: { $areas }
catalogue-hide = 🙈 Remove from the catalogue
catalogue-hidden = Removed from the catalogue.
catalogue-hidden-title = "{ $title }" is removed from the catalogue. Route items that already have it stay. To bring it back, upload the catalogue with this row.
catalogue-hide-confirm = Remove "{ $title }" from the catalogue? Teachers will no longer be able to add it to their routes; items already in routes stay.
catalogue-menu-title = <b>Catalogue and diagnostics</b>
    The municipality's activity catalogue, uploads of the catalogue and of diagnostic results, a diagnostic by hand.
catalogue-sheet = Catalogue
diagnostics-sheet = Diagnostics
catalogue-choose-deficits = Activities for your deficits ({ $areas }). Tap one to see it and add it.
catalogue-show-all = 📚 Show the whole catalogue
catalogue-show-deficits = 🎯 Only for my deficits
catalogue-add = ➕ Add to the route
item-remove-confirm = Remove "{ $title }" from the route? Its title, deadline and history will be deleted.
review-next = Next ›
review-queue-empty = ✅ The queue is empty: everything is reviewed.
review-reason-1 = No supporting document
review-reason-2 = The date does not match
review-reason-3 = Another format is needed
item-move-deadline = 📅 Move the deadline
deadline-ask-date = "{ $title }". The deadline now: { $deadline }. Choose the new one: end of the term, half-year, school year or a day in the calendar. You can also type it: DD.MM.YYYY.
deadline-ask-reason = New deadline: { $deadline }. Why does it have to move? Choose a reason or type your own.
deadline-reason-1 = Illness
deadline-reason-2 = The organisers moved the event
deadline-reason-3 = The course has not started or is full
deadline-reason-4 = Heavy workload
deadline-asked = 📅 Your request to move the deadline is sent for approval.
deadline-waiting = 📅 A request to move the deadline of "{ $title }". Teacher: { $name }
    Deadline was: { $deadline }, proposed: { $date }
    Reason: { $comment }
deadline-approve = ✅ Approve
deadline-refuse = ✖️ Refuse
deadline-approved = ✅ New deadline approved: "{ $title }" — { $deadline }. Teacher: { $name }
deadline-refused = ✖️ Moving the deadline refused: "{ $title }" stays due { $deadline }. Teacher: { $name }
deadline-moved-owner = 📅 The new deadline of "{ $title }" is approved: { $deadline }.
deadline-refused-owner = ✖️ Moving the deadline of "{ $title }" is not approved. You can report it done or ask for another date.
deadline-same = That is the current deadline. Choose another day.
deadline-already-asked = A request to move this deadline is already waiting for a decision.
deadline-already-decided = This request is already decided.
deadline-bad-reason = Type the reason: up to 500 characters.
history-deadline_asked = asked to move the deadline
history-deadline_moved = deadline moved
history-deadline_refused = moving the deadline refused
diagnostic-next = Next ›
diagnostic-choose-date = When was the diagnostic taken? Choose the day in the calendar or type it: DD.MM.YYYY.
diagnostic-date-future = A diagnostic date cannot be in the future.
diagnostic-date-old = The diagnostic is older than five years: give a later date.
diagnostic-open-route = 🧭 The teacher's route
diagnostic-another = ➕ Another diagnostic

## Events
cmd-events = Seminars and methodical events
menu-events = 📅 Events
col-status = Status
events-title = <b>Upcoming events for you</b> (date · title · seats left)
events-none = There are no upcoming events for you yet.
events-coordinator = <b>Events</b>: «Past» shows who of your organisation's teachers came.
events-organiser = <b>The municipality's events</b>
events-all-kinds = all kinds
events-mine = 📋 The municipality's events
events-mine-title = The municipality's events: { $count }
events-past = 🗂 Past
events-past-title = <b>Past events</b>: { $count }
    Open an event to mark attendance, export the participants or send materials.
events-past-none = No past events yet.
event-past-held = { $date } · { $title } · came: { $attended }
event-past-cancelled = { $date } · { $title } · cancelled
events-past-school-title = <b>Past events</b> your organisation's teachers signed up for: { $count }
    Open an event to see who of them came.
event-school-attendance = <b>Your organisation's teachers</b> (✅ came, ❌ did not come, ▫️ attendance not marked, ⏳ were on the waitlist):
event-school-seat = { $mark } { $name }
events-need-roster = Teachers in the roster can sign up for events. Open your personal link or ask to join: /start
event-kind-seminar = seminar
event-kind-master_class = master class
event-kind-webinar = webinar
event-kind-internship = internship
event-kind-association = methodical association meeting
event-kind-conference = conference
event-kind-contest = contest
event-title = <b>{ $title }</b>
event-when = { $kind }, { $start }–{ $end } ({ $timezone })
event-place = 📍 { $place }
event-description = { $description }
event-seats = { $left ->
        [-1] Seats: unlimited
       *[other] Seats left: { $left } of { $capacity }
    }
event-is-cancelled = 🚫 The event is cancelled.
event-my-status = { $status ->
        [registered] ✅ You are registered.
        [waitlisted] ⏳ You are on the waitlist, place { $position }.
        [attended] ✅ Attendance marked.
        [no_show] Marked as a no-show.
       *[other] {""}
    }
event-sign-up = ✅ Sign up
event-cancel-mine = ❌ Cancel my registration
event-to-route = ➕ Add to my route
event-check-in = 📍 Check in at the venue
event-manage = ⚙️ Manage
event-open = Open the event
event-signed-up = ✅ You are registered for "{ $title }". The file is for your phone's calendar.
event-waitlisted = ⏳ No seats left: you are on the waitlist for "{ $title }", place { $position }. I will tell you if a seat frees up.
event-cancelled-mine = Registration cancelled.
event-promoted = 🎉 A seat freed up: you are registered for "{ $title }".
event-added-to-route = ➕ "{ $title }" is added to your route. Attending the event will confirm this item.
event-check-in-ask = Type the code the organiser shows.
event-checked-in = ✅ Your presence at "{ $title }" is recorded.
event-already-registered = You are already registered for this event or on its waitlist.
event-already-started = The event has already started.
event-already-checked-in = You are already checked in.
event-already-in-route = This event is already in your route.
event-no-route = Build your route first: /route
event-not-for-you = This event is not for your category or organisation.
event-not-registered = You are not registered for this event.
event-not-started = Attendance can be marked from the start of the event.
event-registration-closed = Registration for this event is closed.
event-cancelled = The event is cancelled.
event-check-in-closed = Check-in opens an hour before the start and closes two hours after the end.
event-check-in-waitlisted = You are on the waitlist — only people with a seat can check in.
event-bad-code = Wrong code. Check it and type it again.
event-bad-datetime = I did not understand the date and time. Type it like this: 25.12.2026 15:00
event-bad-title = A title is 1 to { $limit } characters.
event-in-past = That date has passed.
event-ends-before-start = The end must be after the start.
event-too-long = An event cannot last longer than 60 days.
event-bad-capacity = Seats are 1 to { $limit } (0 for unlimited).
event-bad-deadline = Registration must close before the event starts.
event-too-much-text = The text is too long (up to { $limit } characters).
event-capacity-below = { $taken } people are already registered — seats cannot be fewer.
event-new = ➕ New event
event-ask-title = The event's title?
event-ask-kind = Kind of event:
event-ask-end = How long does it last? Choose, type minutes (e.g. 20), the end time (17:00) or a date and time.
event-ask-place = The place or the broadcast link.
event-ask-capacity = How many seats? Choose or type a number (0 for unlimited).
event-unlimited = unlimited
event-ask-audience = For whom?
event-audience-all = the whole municipality
event-audience-young = young specialists only
event-created = ✅ The event "{ $title }" is created.
event-manage-title = <b>{ $title }</b>
    Registered: { $registered }, waitlisted: { $waitlisted }, attended: { $attended }, absent: { $no_show }
    Check-in code: <code>{ $code }</code>
    Check-in link (show it on screen or as a QR code): { $link }
    A link to the event to share: { $share }
event-participants = 👥 Participants (XLSX)
event-participants-sheet = Participants
event-attendance = ✔️ Mark attendance
event-attendance-title = Tap a participant to mark them present (✅) or absent (❌).
event-change-capacity = 🔢 Change the number of seats
event-ask-new-capacity = How many seats now? Choose or type a number (0 for unlimited).
event-capacity-set = Seats changed. Moved from the waitlist: { $promoted }.
event-cancel = 🚫 Cancel the event
event-cancel-ask = Cancel the event? Everyone registered or waiting will be told: { $count }.
event-cancel-confirm = 🚫 Yes, cancel
event-cancelled-told = The event "{ $title }" is cancelled. Told: { $count }.
event-cancelled-notice = 🚫 The event "{ $title }" ({ $start }) is cancelled.
registration-registered = has a seat
registration-waitlisted = waitlisted
registration-cancelled = registration cancelled
registration-attended = attended
registration-no_show = no-show
event-reminder-24h = ⏰ Tomorrow: "{ $title }", { $start }. Place: { $place }
event-reminder-1h = ⏰ In an hour: "{ $title }", { $start }. Place: { $place }
event-plan = 📥 Events plan from a file
event-plan-sheet = Plan
event-plan-ask = Fill in the template — a row per event — and send the file (XLSX or CSV). Dates are DD.MM.YYYY HH:MM; empty "Мест" means unlimited; "Организации" and "Предметы" are comma-separated, or empty for all.
event-plan-imported = ✅ Events created: { $count }.
file-too-many-events = The file has more than { $limit } events. Split it into parts.
problem-bad-datetime = not a date and time (DD.MM.YYYY HH:MM): "{ $value }"
problem-unknown-school = no such organisations in the municipality: "{ $value }"
problem-event-bad-title = a title is 1 to 300 characters
problem-event-in-past = the date has passed
problem-event-ends-before-start = ends before it starts
problem-event-too-long = longer than 60 days
problem-event-bad-capacity = seats are 1 to 10,000
problem-event-bad-deadline = registration must close before the start
problem-event-too-much-text = the text is too long
event-edit = ✏️ Edit
event-edit-choose = What to change? Everyone registered will be told.
event-edit-title = Title
event-edit-place = Place
event-edit-description = Description
event-edit-start = Start
event-edit-end = End
event-edit-ask-title = The new title?
event-edit-ask-place = The new place or link?
event-edit-ask-description = The new description?
event-edit-ask-start = Choose the new start day, or type the date and time, e.g. 25.12.2026 15:00 (the duration is kept).
event-edit-ask-end = How long does it last now? Choose, type minutes, the end time (17:00) or a date and time.
event-edited = ✅ "{ $title }" is changed. Told: { $count }.
event-changed-notice = ✏️ The event "{ $title }" has changed: { $start }, place: { $place }.
event-materials = 📎 Materials for participants
event-materials-ask = Send the materials as one message — a file, a photo or a text. I will forward them to the participants (those who came, if attendance is marked; otherwise everyone registered).
event-materials-sending = ⏳ Sending to participants: { $count }…
event-materials-label = Materials: { $title }
event-ask-deadline = Until when is registration open? Type DD.MM.YYYY HH:MM or press the button.
event-deadline-start = Until the event starts
event-audience-schools = chosen organisations
event-audience-mentor = mentors
event-audience-manager = managers
event-ask-schools = Tick the organisations and press "Done". Ticked: { $count }.
event-schools-done = ✅ Done
event-schools-none = Tick at least one organisation.
events-my-subjects = my subjects
event-ask-description = A few words about the event: for whom, what happens.
event-ask-subjects = For teachers of which subjects? Tick subjects from the roster and press "Done", type others comma-separated, or choose "All subjects".
event-all-subjects = For every subject
event-bad-subjects = Type the subjects comma-separated (up to 100 characters each).
event-ask-day = Choose the start day ({ $timezone }) or type the date and time, e.g. 25.12.2026 15:00
event-ask-time = { $day }: what time does it start? Choose or type, e.g. 15:30
event-bad-time = I did not understand the time. Type it like this: 15:30
event-duration = { $minutes } min
event-subjects-done = ✅ Done
event-edit-clear = 🗑 Remove
event-card = 🗂 Event card
event-attendance-none = Nobody holds a seat yet.
event-ics = 📅 Calendar file
event-ics-caption = 📅 "{ $title }": a file for your phone's calendar.
event-cancel-mine-ask = Cancel your registration for "{ $title }"?
event-cancel-mine-waitlist = Your seat will go to the next person on the waitlist.
event-cancel-mine-confirm = ❌ Yes, cancel my registration
event-link-join-first = To sign up for an event, join first: open your personal link from the roster or send a request.
event-link-unavailable = This event is not available: it does not exist or is not for your organisation or category.
event-waitlist-place = queue: { $position }
events-registrations = 🎟 My registrations
events-registrations-title = <b>My registrations</b> (✅ a seat, ⏳ the waitlist): { $count }
events-registrations-none = You have no registrations for upcoming events.
events-find = 📅 Find an event

## Mentoring
cmd-mentor = Mentor and mentees
menu-mentor = 🤝 Mentoring
mentor-title = <b>Mentoring</b>
mentor-none = You are not in any mentoring pair yet.
mentor-yours = Your mentor: <b>{ $name }</b>, { $school }. Subjects: { $subjects }
mentor-mentee = Mentee: <b>{ $name }</b>, { $school }. Subjects: { $subjects }
mentor-last-meeting = Last meeting: { $date }
mentor-write-mentor = ✉️ Write to my mentor
mentor-card-write = ✉️ Write
relay-ask = Write your message (a photo or a document is fine too) — I will pass it on without showing your account.
relay-wrong-type = I can pass on a text, a photo or a document.
relay-from-mentor = ✉️ A message from your mentor ({ $name }):
relay-from-mentee = ✉️ A message from your mentee ({ $name }):
relay-reply = ↩️ Reply
relay-sent = ✅ Passed on to { $name }.
relay-not-joined = The message was not passed on: { $name } has not joined the bot yet. The coordinator can send this teacher an invite.
pair-new = ➕ New mentoring pair
pair-ask-mentor = Mentor: type the surname (or part of the full name).
pair-ask-mentee = Mentee: type the surname (or part of the full name).
pair-ask-kind = Kind of mentoring:
pair-kind-young = young specialist
pair-kind-after_break = after a long break
pair-kind-deficits = teacher with deficits
pair-kind-peer = peer to peer
pair-created = ✅ Pair created: { $mentor } → { $mentee }.
pair-young-other-kind = Note: the mentee is a young specialist, but another kind of mentoring was chosen.
pair-told-mentor = 🤝 You are now the mentor of { $name } ({ $school }). To write to your mentee, just send a message to this chat.
pair-told-mentee = 🤝 Your mentor: { $name } ({ $school }). To write to your mentor, just send a message to this chat.
pair-self = Nobody can be their own mentor.
pair-not-young = The mentee is not a young specialist (under 35 and under 3 years of work). Choose another kind of mentoring.
pair-duplicate = This pair is already active.
pair-mentor-limit = The mentor already has { $limit ->
        [one] { $limit } mentee
       *[other] { $limit } mentees
    } — the limit.
mentor-card-meeting = 📝 Log a meeting
meeting-ask-date = When was the meeting? Choose the day or type the date DD.MM.YYYY.
meeting-today = Today
meeting-yesterday = Yesterday
meeting-ask-minutes = How many minutes did it last? Choose or type a number (5 to 480).
meeting-ask-format = Format:
meeting-offline = in person
meeting-online = online
meeting-ask-topic = The meeting's topic?
meeting-ask-notes = In short: what was done, what was agreed. Or press «No notes».
meeting-saved = ✅ Meeting logged. The mentee will confirm it.
meeting-check = 🤝 A meeting was logged on { $date }: "{ $topic }".
    Mentor: { $name }. Did it take place?
meeting-confirm = ✅ Yes
meeting-dispute = ❌ No
meeting-confirmed = ✅ Thank you, the meeting is confirmed.
meeting-disputed = Noted that the meeting did not take place. The mentor and the coordinator will see it.
meeting-pending = Waiting for confirmation.
meeting-already-answered = This meeting has already been answered.
meeting-in-future = A meeting cannot be in the future.
meeting-too-old = Meetings older than 90 days cannot be logged.
meeting-bad-minutes = A meeting lasts 5 minutes to 8 hours.
meeting-bad-topic = A topic is 1 to { $limit } characters, notes up to 2000.
pairs-overview = 📋 Pairs in my scope
pairs-title = <b>Mentoring</b>: pairs — { $active }, meetings — { $meetings }, silent for over 30 days — { $silent }
pairs-silent-line = • { $mentor } → { $mentee }
pairs-export = 📊 Pairs and the meeting log (XLSX)
pairs-sheet = Pairs
meetings-sheet = Meetings
pair-status-active = active
pair-status-completed = completed
pair-status-dissolved = dissolved
pairs-col-0 = Organisation
pairs-col-1 = Mentor
pairs-col-2 = Mentee
pairs-col-3 = Kind
pairs-col-4 = Status
pairs-col-5 = Start
pairs-col-6 = Meetings
pairs-col-7 = Last meeting
meetings-col-0 = Organisation
meetings-col-1 = Mentor
meetings-col-2 = Mentee
meetings-col-3 = Date
meetings-col-4 = Minutes
meetings-col-5 = Format
meetings-col-6 = Topic
meetings-col-7 = Notes
meetings-col-8 = Confirmation
nudge-mentor = 🤝 Mentee: { $mentee }. No meeting for { $days ->
        [one] { $days } day
       *[other] { $days } days
    }. Arrange one and log it: /mentor
nudge-managers = ⚠️ Mentoring pair { $mentor } → { $mentee }: no meeting for { $days ->
        [one] { $days } day
       *[other] { $days } days
    }.
pair-manage = <b>Mentoring pair</b>
    Mentor: { $mentor }
    Mentee: { $mentee }
    Kind: { $kind }. Started: { $start }. Last meeting: { $last }
pair-complete = ✅ Complete
pair-dissolve = ✖️ Dissolve
pair-ask-reason-complete = In short: the result of the mentoring (kept in the pair's history).
pair-ask-reason-dissolve = In short: why the pair is dissolved (kept in the pair's history).
pair-bad-reason = Type the result or the reason (up to 2000 characters).
pair-already-ended = This pair is already completed or dissolved.
pair-ended = The pair { $mentor } → { $mentee }: { $status }.
pair-ended-notice = 🤝 The mentoring pair { $mentor } → { $mentee }: { $status }.
mentor-card-plan = 🗓 Mentoring plan
plan-open = 🗓 Mentoring plan
mentor-planned-end = Planned end: { $date }
pair-result-line = Result: { $result }
pair-result-write = ✍️ Mentoring result
pair-result-ask = Write a short result of the mentoring for your mentee: what they learned, what worked, what is next.
pair-result-saved = ✅ The result is saved and sent: { $name }.
pair-result-notice = 🎓 Mentoring result. Mentor: { $name }
    { $result }
pair-result-early = The result is written at the end of the mentoring period — from { $date }.
pairs-col-8 = Result
nudge-result = 🎓 The planned mentoring period is over. Mentee: { $mentee }. Please write a short result for your mentee.
meeting-correct = ✏️ { $date } { $topic }
meeting-ask-topic-plan = Meeting topic: choose from the plan or type your own.
meeting-edit-topic = ✏️ Topic
meeting-edit-notes = ✏️ Notes
meeting-edit-delete = 🗑 Delete
meeting-card = 🤝 Meeting on { $date }, { $minutes } min, { $format }
    Topic: { $topic }
    Notes: { $notes }
    { $status }
meeting-delete-ask = Delete the meeting of { $date } "{ $topic }"? It disappears from the pair's log and the coordinator's reports; it cannot be restored.
meeting-delete-yes = 🗑 Yes, delete
meeting-deleted = The meeting entry is deleted.
meeting-edit-closed = An entry can be corrected or deleted within a day after it was made.
meeting-log-open = 📖 Meeting log
meeting-propose = 📝 Propose a meeting entry
meeting-no-notes = No notes
meeting-proposed = ✅ The entry was sent to your mentor, who confirms it with one tap.
meeting-proposal-check = 🤝 Your mentee proposes a meeting entry of { $date }, { $minutes } min: "{ $topic }".
    Mentee: { $name }
    Notes: { $notes }
    Did it take place?
meeting-proposal-confirmed = ✅ The entry is confirmed and added to the meeting log.
meeting-proposal-disputed = The entry is rejected: the log marks it as a meeting that did not take place.
meeting-proposal-answer-confirmed = ✅ Your meeting entry of { $date } "{ $topic }" is confirmed and added to the meeting log.
    Mentor: { $name }
meeting-proposal-answer-disputed = ❌ Your meeting entry of { $date } "{ $topic }" is rejected: the log marks it as a meeting that did not take place.
    Mentor: { $name }
meeting-log-title = <b>Meeting log</b>. Entries: { $count }
meeting-log-line = { $mark } { $date }, { $minutes } min, { $format }: { $topic }
meeting-log-legend = ✅ confirmed · ⏳ waiting for confirmation · ❌ did not take place
meeting-log-empty = No meetings logged yet.
meeting-log-confirm = ✅ { $date }: took place
meeting-log-dispute = ❌ { $date }: did not
mentor-just-write = To write, just send a message to this chat — I will ask whom to pass it to.
mentor-waiting = You are a mentor, but you have no pairs yet. Pairs are formed by the organisation's coordinator or the methodist: once you are assigned, your mentees appear here and I will let you know.
mentor-not-in-roster = Your account is not linked to the staff roster: pairs are shown to a mentor the bot has found in it.
home-not-in-roster = Your account is not linked to the staff roster yet. Find yourself in it to see your route and mentoring pairs.
self-link-start = 🔎 Find myself in the roster
relay-confirm = Pass this message on? Your account will not be shown.
relay-choose = Whom should I pass this message to? Your account will not be shown.
relay-send-mentor = ✉️ To the mentor: { $name }
relay-send-mentee = ✉️ To the mentee: { $name }
relay-draft-gone = This message has already been sent or replaced by a newer one. Please write it again.
relay-too-long = The message is too long (the limit in characters — { $limit }). Split it, or send it as a file through «✉️ Write».
relay-text-from-mentor = ✉️ A message from your mentor ({ $name }):

    { $text }
relay-text-from-mentee = ✉️ A message from your mentee ({ $name }):

    { $text }
pair-new-another = ➕ Another pair
pair-end-ask-completed = Complete the pair? Mentor: { $mentor }. Mentee: { $mentee }.
    Result: { $text }
    Both will be told and the pair goes to history: messages through the bot, the meeting log and the plan close for it. This cannot be undone.
pair-end-ask-dissolved = Dissolve the pair? Mentor: { $mentor }. Mentee: { $mentee }.
    Reason: { $text }
    Both will be told and the pair goes to history: messages through the bot, the meeting log and the plan close for it. This cannot be undone.
plan-remove-ask = Remove the topic "{ $topic }" ({ $month }) from the plan? Meetings on it stay in the log, but the topic no longer counts in the plan.
plan-remove-yes = 🗑 Yes, remove
plan-topic-gone = This topic is no longer in the plan.
plan-title = <b>Mentoring plan</b>: topics covered — { $covered } of { $total }
plan-line = { $mark } { $topic }
plan-empty = The plan is empty. The mentor can take topics from the template and adjust them.
plan-propose = 📋 Take from the template
plan-add = ➕ Topic
plan-remove = 🗑 Remove a topic
plan-ask-month = Which month should the topic go to?
plan-ask-topic = Topic for { $month }:
plan-ask-remove = Which topic should be removed? (Meetings on it stay in the log.)
plan-bad-month = This month is outside the mentoring period.
plan-not-empty = The plan is already made — add or remove topics.
plan-too-many = A plan has at most { $limit } topics.
plan-template-0 = Getting started: the school, colleagues, local rules, the adaptation plan
plan-template-1 = The work programme and topic planning
plan-template-2 = Preparing a lesson: goals, structure, lesson map
plan-template-3 = School records and the electronic register
plan-template-4 = Assessment: criteria, formative assessment
plan-template-5 = Classroom management and discipline
plan-template-6 = Working with parents and form tutoring
plan-template-7 = An open lesson and visiting each other's lessons
plan-template-8 = Reviewing the year and the individual educational route
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
pairs-people = Mentors — { $mentors }, mentees — { $mentees }; young specialists in pairs — { $young_paired } of { $young_total }
pairs-by-month = Meetings by month: { $months }
pairs-silent-more = …and { $count } more
pairs-import = 📥 Upload pairs from a file
pairs-import-ask = Fill in the template (mentor, mentee, kind; birth dates where there are namesakes) and send an XLSX or CSV file. All pairs are created at once, or none.
pairs-imported = ✅ Pairs created: { $created }. Already active (skipped): { $skipped }.
problem-ambiguous = several people have this name — add the birth date: "{ $value }"
problem-pair-self = the mentor and the mentee are the same person: "{ $value }"
problem-not-young = not a young specialist — choose another kind: "{ $value }"
problem-mentor-limit = the mentor would have more than { $value } mentees
problem-end-before-start = the end is not after the start: "{ $value }"
file-too-many-rows = The file has more than { $limit } rows. Split it into parts.
cmd-news = News and broadcasts
menu-news = 📣 News
news-title = <b>News</b>: latest broadcasts
news-none = No broadcasts yet.
news-new = ✍️ New broadcast
news-cancel-one = ✖️ Cancel broadcast #{ $id }
news-line-scheduled = 🕒 #{ $id } · { $when } · "{ $text }" — scheduled
news-line-sending = 📤 #{ $id } · { $when } · "{ $text }" — sending: { $sent } of { $total } delivered, { $left } left
news-line-done = ✅ #{ $id } · { $when } · "{ $text }" — { $sent } of { $total } delivered, { $failed } not delivered
news-line-cancelled = ✖️ #{ $id } · { $when } · "{ $text }" — cancelled
news-line-draft = ✏️ #{ $id } · { $when } · "{ $text }" — draft
news-ask-content = Send the news text. Formatting (bold, italics, links) is kept. You may attach one photo or document — the text then becomes its caption.
news-wrong-type = Send text, a photo or a document.
news-empty = The news cannot be empty.
news-too-long = Too long: { $length } characters, at most { $limit } (1024 with a photo or document). Shorten it or split it into two.
news-ask-audience = Who should receive it?
news-audience-all = Everyone in the municipality
news-audience-schools = Choose schools
news-audience-roles = By role
news-audience-subjects = By subject
news-audience-young = Young specialists
news-audience-mentors = Mentors
news-audience-event = Participants of an event
news-role-teacher = teachers
news-role-mentor = mentors
news-role-coordinator = school coordinators
news-role-methodist = methodists
news-choose-schools = Tick the schools and press "Done".
news-choose-roles = Tick the roles and press "Done".
news-choose-subjects = Tick the subjects and press "Done".
news-choose-event = Participants of which event?
news-chosen = Done ({ $count } chosen)
news-choose-something = Tick at least one.
news-no-recipients = Nobody in this audience has joined the bot. Choose another.
news-preview = Recipients: <b>{ $count }</b>. This is what they will see:
news-now = 📤 Send now
news-later = 🕒 Schedule
news-queued = 📤 Broadcast #{ $id } is queued: { $count ->
        [one] { $count } recipient
       *[other] { $count } recipients
    }. Its progress will show here.
news-progress = 📤 Broadcast #{ $id }: { $sent } delivered, { $failed } not delivered, { $left } left · { $rate } msg/s · ≈ { $minutes } min to go
news-done = ✅ Broadcast #{ $id } is done: { $sent } of { $total } delivered, { $failed } not delivered (including those who blocked the bot).
news-ask-when = When should it go? Choose the day in the calendar or type the date and time: DD.MM.YYYY HH:MM (local time).
news-ask-time = At what time on { $date }? Choose a time or type it: HH:MM (local time).
news-cancel-question = Cancel broadcast #{ $id } "{ $text }" scheduled for { $when }? It will not go out and nobody will get it; to send it later you will have to compose it again.
news-cancel-yes = Yes, cancel the broadcast
news-preview-card = Under the news is the event's card with the "{ $button }" button: a recipient signs up with one tap if the event is for them.
news-card-attach = 📅 Attach an event
news-card-remove = ✖️ Remove the event
news-choose-card = Which event's card should go with the news? Recipients can sign up right from it.
news-none-open-event = The municipality has no events open for sign-up. Create an event first.
news-none-schools = The municipality has no organisations yet: they come from the staff roster. Upload the roster first.
news-none-subjects = The roster has no subjects yet. Upload the staff roster with subjects first.
news-none-event = The municipality has no events from the last week on. Create an event first.
news-card-too-long = With the event's card the news does not fit one message: { $length } characters, at most { $limit }. Shorten the news or send it without the card.
news-in-past = That time has passed. Give a future one.
news-scheduled = 🕒 Broadcast #{ $id } is scheduled for { $when }. You can cancel it in /news.
news-cancelled = Broadcast #{ $id } is cancelled.
news-not-draft = This broadcast is already sent or scheduled.
news-not-cancellable = This broadcast can no longer be cancelled: it is sent or cancelled.
settings-digest = 📬 Weekly summary: { $state }
settings-digest-on = { $day }, { $hour }
settings-digest-off = off
settings-digest-day = 📅 Day
settings-digest-hour = 🕘 Time
settings-digest-stop = 🔕 Stop sending
settings-digest-start = 🔔 Send the summary
settings-saved = Saved
privacy-export = 📄 My data
privacy-export-caption = Everything the bot stores about you: account, roles, roster entry, diagnostics, routes with evidence and history, event registrations, mentoring, communities, join requests.
privacy-withdraw = 🗑 Withdraw consent and delete my data
privacy-withdraw-ask =
    <b>Withdraw consent and delete your data?</b>

    <b>Deleted:</b> the link between this Telegram account, the bot and the roster, your roles, join requests, unsent messages, evidence of route items (files, links, texts), your self-assessment, comments on your route, meeting notes and mentoring results. Messages to your mentor or mentee are never stored by the bot.

    <b>Kept in your employer's roster</b> (it reports on them): full name, organisation, position, birth and work start dates, contacts from the roster file, diagnostics, the route and its items' statuses, event registrations and attendance, mentoring pairs and meeting dates, community membership. Saved indicator values hold only numbers, no names.

    After this the bot will not know you. To come back, consent again and open a new invite link.
privacy-withdraw-confirm = 🗑 Yes, withdraw and delete
privacy-kept = Consent not withdrawn, your data is unchanged.
privacy-withdrawn = Consent withdrawn, your data deleted.
weekday-0 = Monday
weekday-1 = Tuesday
weekday-2 = Wednesday
weekday-3 = Thursday
weekday-4 = Friday
weekday-5 = Saturday
weekday-6 = Sunday
digest-title = 📬 <b>Your week</b>
digest-my-events = 🗓 Your events this week ({ $count }):
digest-new-events = 🆕 New events for you ({ $count }), sign-up open — /events:
digest-event-line = • { $start } — { $title }
digest-more = …and { $count } more
digest-items = 🧭 Route (/route): items due this week — { $due }, overdue — { $overdue }.
digest-mentoring = 🤝 Mentoring (/mentor): meetings this week — { $meetings }; mentees without a meeting for long — { $silent }.
digest-silent-line = • { $name }
digest-review = 📥 Waiting for your decision: reports — { $reports }, routes — { $routes }, join requests — { $joins }.
cmd-indicators = Indicators of the support system
cmd-communities = Methodical associations and communities
menu-indicators = 📈 Indicators
menu-communities = 👥 Associations
indicators-title = <b>Indicators</b> · { $scope } · { $period }
indicators-set = { $title }
indicators-line = { $mark } { $no }. { $name }: <b>{ $value }</b> (target { $target })
indicators-xlsx = 📄 XLSX report
indicators-xlsx-caption = Indicator report: the total and a sheet for each organisation.
indicators-sets = ⚙️ Indicator set
indicators-choose-set = Choose the indicator set the municipality reports by:
period-kind-month = Month
period-kind-quarter = Quarter
period-kind-school_year = School year
period-kind-year = Year
period-month = { $month_no ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year }
period-quarter = Q{ $quarter } { $year }
period-school_year = school year { $year }/{ $next }
period-year = { $year }
indicator-in-progress = in progress (final on { $until })
indicator-entered = entered by { $who }, { $at }
indicator-window = Counted over: { $start } – { $end }
indicator-history-line = • earlier: { $value } — { $entered }
indicator-second = Of them at basic level or above: { $counted } of { $of }
indicator-reading = <b>How it is counted.</b> { $reading }
indicator-unknown-age = No age data: { $count } (no birth or start date — fix the roster):
indicator-each-school = Organisations where the target is not met: { $count }
indicator-no-data = no data
indicator-yes = yes
indicator-no = no
indicator-met = met
indicator-not-met = not met
indicator-unknown = no data
indicator-name = <b>{ $no }.</b> { $name }
indicator-value = Value: <b>{ $value }</b> · target { $target } · { $status }
indicator-fraction = Numerator / denominator: { $numerator } / { $denominator }
indicator-not-counted = Not counted yet ({ $count }, first by name):
indicator-person = • { $name }
indicator-behind = Furthest behind:
indicator-school = • { $name }: { $value } ({ $numerator } / { $denominator })
indicator-schools-chart = 📊 By organisation
indicator-trend = 📈 Trend by month
indicator-rebuild = 🔄 Rebuild from the data
indicator-set-target = 🎯 Change the target
indicator-enter-value = ✍️ Enter the value for the period
indicator-no-data-chart = No data for a chart yet.
indicator-chart-caption = { $name }: by organisation, dashed line — target.
indicator-trend-caption = { $name }: by month, dashed line — target.
indicator-ask-target = New target (a number; earlier targets stay in the history):
indicator-ask-manual = The value for the chosen period: a number (0–100 for percentages) or "yes" / "no".
indicator-bad-number = A number is needed, e.g. 60 or 62.5, or "yes" / "no".
indicator-bad-target = The target is a number from 0 (up to 100 for percentages).
indicator-bad-value = Out of range: 0–100 for percentages, yes or no for yes/no.
indicator-not-manual = This indicator is counted from the bot's data; it is not entered.
communities-title = <b>Methodical associations and professional communities</b>
communities-line = • { $name } ({ $level }), members: { $members }
communities-none = No communities yet.
communities-new = ➕ New community
communities-upload = 📥 Upload members
communities-join-done = You joined
communities-leave-done = You left
communities-ask-name = Name of the association or community:
communities-ask-level = Level:
communities-created = ✅ Added: { $name }.
communities-sheet = Members
communities-upload-ask = Fill in the template (full name, birth date, community name as listed) and send the file. All members are added, or none.
communities-imported = ✅ Members added: { $count }.
community-bad-name = The name is 1 to { $limit } characters.
community-level-school = school
community-level-municipal = municipal
community-level-regional = regional
community-level-network = network
digest-indicators = 📈 Indicators for the school year (/indicators):
digest-indicator-line = { $mark } { $name }: { $value } (target { $target })
indicators-pick-school = 🏫 A school
indicators-pick-municipality = 🏙 A municipality
indicators-pick = Choose whose indicators to open:
indicators-pick-none-school = The municipality has no organisations yet: they come from the staff roster. Upload the roster first.
indicators-pick-none-municipality = The region has no municipalities yet. Add a municipality first.

## Admin as a methodist, the first day, invites linked to the roster
menu-municipality = 🏙 Work in a municipality
help-item-municipality = choose a municipality and work in it as its methodist: roster, events, indicators.
acting-in = 🏙 You work in "{ $municipality }" as its methodist.
acting-choose = { $name ->
        [none] Choose a municipality to work in as its methodist — roster, invites, events, indicators.
       *[other] You now work in "{ $name }". Choose where to work as a methodist:
    }
acting-no-municipalities = There are no municipalities yet. Add one first, then choose it here.
checklist-title = <b>First steps</b> — ticked by themselves once done:
checklist-roster = Import the staff roster
checklist-coordinators = Invite school coordinators
checklist-catalogue = Load the activity catalogue
checklist-event = Create the first event
checklist-indicators = Choose the indicator set
orgs-invite-methodist = ✉️ Invite a methodist
orgs-no-schools = "{ $municipality }" has no organisations yet: they come with the roster. The municipality's methodist imports it — or you, after «🏙 Work in a municipality».
invite-no-municipalities = There are no municipalities yet. Add one first in «🏛 Municipalities».
invite-no-schools = The municipality has no organisations yet: they come with the staff roster. Import the roster first.
invite-who =
    "{ $role }", { $school }. Whom are you inviting? Type their surname — I will find them in the roster, and the link will connect their account to it.
    If they are not in the roster, press «Skip ›».
invite-person-other-school = This person works in another organisation. Choose someone from the organisation the invite is for.
