# Plenary: English messages. Every key here has a Russian twin in ../ru/main.ftl.

site-name = Plenary
skip-to-content = Skip to content
nav-label = Main
nav-home = Home
nav-admin = Administration
footer-label = About
footer-api = API
language = Language
sign-in = Sign in
sign-out = Sign out
sign-out-everywhere = Sign out everywhere
sign-out-everywhere-lead = Ends every login, this one included, and revokes every API token.
create-account = Create account
save = Save
search = Search
actions = Actions
yes = Yes
no = No
never = Never

banner-unconfirmed = Please confirm your email address: we sent a link to { $email }.
send-again = Send again

landing-title = Design sessions people remember
landing-lead = Plenary helps facilitators plan workshops, trainings and strategy days: a timed programme and a board of cards for the same flow, libraries of proven methods, and live co-editing with colleagues.
home-title = Home
home-welcome = Welcome, { $name }
home-empty = Your sessions will appear here.

register-title = Create your account
register-have-account = Already have an account?
signin-title = Sign in
signin-forgot = Forgot your password?
signin-no-account = New to Plenary?

field-first-name = First name
field-last-name = Last name
field-email = Email
field-phone-optional = Phone (optional)
field-password = Password
field-new-password = New password
field-current-password = Current password
field-new-email = New email
field-accept-terms = I accept the User Agreement and the Privacy Policy
field-language = Language
field-time-zone = Time zone
field-token-name = Token name
password-hint = 10 to 128 characters. Avoid common passwords; a few unrelated words work well.
form-has-errors = Please correct the fields marked below.

field-error-required = This field is required.
field-error-too-short = { $limit ->
    [one] Use at least { $limit } character.
   *[other] Use at least { $limit } characters.
}
field-error-too-long = { $limit ->
    [one] Use at most { $limit } character.
   *[other] Use at most { $limit } characters.
}
field-error-invalid-email = Enter an email address like name@example.org.
field-error-invalid-phone = Enter a phone number with digits, spaces and + - ( ).
field-error-common-password = This password is common or made of a few repeated characters, so it is easy to guess. Please choose another.
field-error-context-password = This password is made of the service’s name, your email address or your name, which are easy to guess. Please choose another.
field-error-unknown-scope = Choose what the token may do from the list.
field-error-unknown-locale = Choose English or Russian.
field-error-unknown-time-zone = Choose a time zone from the list.
field-error-control-characters = Remove the special characters.

error-validation-failed = Some fields need correcting.
error-email-taken = An account with this email already exists. Sign in or reset your password.
error-invalid-credentials = Wrong email or password.
error-wrong-password = The current password is not right.
error-unauthenticated = Please sign in.
error-not-found = We could not find this page. It may have moved, or you may not have access to it.
error-cross-site-request = This request came from another site and was refused.
error-insufficient-scope = This API token may not do this. Reading needs any token; changes need a token with the “write” scope; new tokens are made only in a signed-in browser.
error-link-invalid = This link is no longer valid: it was used already or has expired. Ask for a new one.
error-unsupported-image = Upload a PNG, JPEG or WebP image.
error-payload-too-large = The file is too large: the limit is 5 MB.
error-bad-request = The request could not be read.
error-internal = Something went wrong on our side. Please try again in a moment.
error-too-many-attempts = Too many attempts. Please try again later.
error-rate-limited = { $seconds ->
    [one] Too many requests. Please wait a second and try again.
   *[other] Too many requests. Please wait { $seconds } seconds and try again.
}
error-go-home = Go to the home page
error-title-400 = Bad request
error-title-401 = Sign-in needed
error-title-403 = Refused
error-title-404 = Page not found
error-title-409 = Conflict
error-title-410 = Link no longer valid
error-title-413 = Too large
error-title-422 = Check your input
error-title-429 = Too many attempts
error-title-500 = Something went wrong
error-title-other = Something went wrong
throttled = { $minutes ->
    [one] Too many attempts. Please try again in { $minutes } minute.
   *[other] Too many attempts. Please try again in { $minutes } minutes.
}

notice-confirmation-sent = We sent a new confirmation link. Check your inbox.
notice-email-confirmed = Your email address is confirmed.
notice-password-changed = Your password has been changed. Other logins were signed out.
notice-password-reset = Your password has been changed. Sign in with the new one.
notice-profile-saved = Your profile is saved.
notice-avatar-saved = Your picture is saved.
notice-avatar-removed = Your picture is removed.
notice-email-change-sent = We sent a confirmation link to the new address. The change happens when you follow it.
notice-email-changed = Your email address has been changed.
notice-login-revoked = That login has been signed out.
notice-token-revoked = The token has been revoked.
notice-signed-out-everywhere = You have been signed out everywhere.

confirm-title = Confirm your email address
confirm-lead = Press the button to confirm that this address is yours.
confirm-button = Confirm email
change-title = Confirm your new email address
change-lead = Press the button to use this address for your account from now on.
change-button = Use this address

reset-title = Reset your password
reset-lead = Enter the email address of your account and we will send a link to set a new password.
reset-send = Send reset link
reset-sent = If an account exists for this address, we have sent a link to reset the password.
reset-new-title = Choose a new password
reset-set = Set new password

account-title = Your account
account-profile = Profile
avatar-title = Picture
avatar-alt = Your picture
avatar-none = No picture yet.
avatar-choose = Choose a picture
avatar-hint = PNG, JPEG or WebP, up to 5 MB. It will be cropped to a square.
avatar-upload = Upload picture
avatar-remove = Remove picture

security-title = Security
password-change-title = Change password
password-change = Change password
password-keep-tokens = Keep my API tokens working
password-keep-tokens-hint = Unless you tick this, every API token stops working with the old password. Other browsers are signed out either way.
email-change-title = Change email
email-current = Your address now: { $email }
email-change = Send confirmation link
logins-title = Where you are signed in
logins-count = { $count ->
    [one] { $count } active login
   *[other] { $count } active logins
}
logins-browser = Browser
logins-ip = IP address
logins-last-seen = Last seen
logins-this = this browser
logins-revoke = End this login
tokens-title = API tokens
tokens-lead = A token lets a script use the API as you: send it as "Authorization: Bearer TOKEN".
tokens-shown-once = Copy your new token now: it will not be shown again.
tokens-created = Created
tokens-last-used = Last used
tokens-quota-used = Quota used
tokens-quota = { $used } of { $max }, until { $until }
tokens-quota-none = 0 of { $max }
tokens-quota-lead = Each token may make up to { $max } requests per { $minutes } min, counted from its first. Past that the API answers 429 with Retry-After until the count starts again; each successful answer’s X-RateLimit-Remaining says how many are left.
tokens-revoke = Revoke
tokens-create = Create token
tokens-scopes = May
tokens-may = This token may
tokens-scope-read = Read only
tokens-scope-write = Read and change
tokens-scope-admin = Also administer the service (for administrators)
tokens-password-hint = Confirm with your password: tokens are made only after a recent check.
scope-read = read
scope-write = change
scope-admin = administer

admin-users-title = People
admin-mail-title = Emails
admin-search = Search by email or name
admin-users-found = { $count ->
    [one] { $count } account
   *[other] { $count } accounts
}
admin-role-admin = Administrator
admin-created = Created
admin-mail-to = To
admin-mail-subject = Subject
admin-mail-status = Status
admin-mail-smtp = Emails are sent over SMTP. Recent emails are listed here.
admin-mail-no-smtp = No SMTP server is configured: emails are kept here instead of being sent. Set PLENARY_SMTP_URL to send them.

api-docs-title = Plenary API


mail-greeting = Hello, { $name }!
mail-greeting-anonymous = Hello!
mail-signature = The Plenary team
mail-link-fallback = If the button does not work, copy this link into your browser:
mail-confirm-subject = Confirm your email address
mail-confirm-body = Thank you for creating a Plenary account. Please confirm that this email address is yours.
mail-confirm-expiry = The link is valid for 48 hours. If you did not ask for this, ignore this email.
mail-confirm-action = Confirm email address
mail-reset-subject = Reset your password
mail-reset-body = Someone asked to reset the password of your Plenary account. Follow the link to choose a new one.
mail-reset-expiry = The link is valid for 1 hour and works once. If you did not ask for this, ignore this email: your password stays as it is.
mail-reset-action = Choose a new password
mail-change-subject = Confirm your new email address
mail-change-body = You asked to use this address for your Plenary account. Please confirm it.
mail-change-action = Confirm new address
mail-changed-subject = Your email address was changed
mail-changed-body = The email address of your Plenary account is now { $email }.
mail-changed-warning = If you did not make this change, reset your password at once and contact the administrator.

duration-minutes = { $minutes } min
duration-hours = { $hours } h
duration-hours-minutes = { $hours } h { $minutes } min

sessions-title = Sessions
new-session = New session
create-session = Create session
field-first-date = First day
field-start-time = Start time
status-draft = Draft
status-ready = Ready
status-done = Done
programme = Programme
programme-empty = No blocks yet: add the first one below.
programme-total = Total { $duration }
print = Print
materials = Materials
col-time = Time
col-duration = Duration
col-title = Title
col-lead = Lead
kind-activity = Activity
kind-break = Break
kind-note = Note
kind-section = Section
kind-day = Day
untitled = Untitled
edit = Edit
delete = Delete
delete-label = Delete “{ $title }”
moved-up = Moved “{ $title }” up to position { $position }.
moved-down = Moved “{ $title }” down to position { $position }.
add-block = Add block
edit-block = Edit block
field-kind = Kind
field-minutes = Duration in minutes
field-position = Position
position-end = At the end
position-after = After “{ $title }”
field-pinned-start = Pinned start time
pinned-hint = Optional: the block starts at this time whatever comes before it.
field-description = Description
field-notes = Facilitator notes
conflict-gap = { $duration } free before
conflict-overlap = { $duration } overlap
overrun = { $duration } over the end time

views = Views
design = Design
session-settings = Session settings
field-goals = Goals
goals-hint = One goal per line.
field-end-time = End time of each day (optional)
field-location-kind = Format
location-in-person = In person
location-online = Online
field-location = Location or link
field-participants = Expected participants
field-tags = Tags
tags-hint = Separate tags with commas.
field-status = Status
op-error-title-required = Give the session a title.
op-error-invalid-date = Enter a date.
op-error-invalid-time = Enter a time.
op-error-invalid-number = Enter a whole number.
op-error-too-long = The text is too long.
op-error-duration-out-of-range = A duration is from 0 to 1440 minutes.
op-error-list-too-long = The list is too long.
op-error-too-many-blocks = A session holds at most 2,000 blocks.
op-error-block-not-found = That block no longer exists.
op-error-block-exists = That block exists already.
op-error-anchor-not-found = The block to place it after no longer exists.
op-error-unknown-time-zone = Choose a time zone from the list.
op-error-field-not-applicable = That field does not apply to this kind of block.
op-error-control-characters = Remove the special characters.
materials-hint = One per line, with an optional quantity: “Markers × 12”.
markdown-hint = Markdown: **bold**, *italic*, lists and links.
material-name = Material
material-quantity = Quantity
material-blocks = Used in
field-day-date = Date of this day
day-date-hint = Empty: the day after the previous one.
field-day-start = Start time of this day
field-day-end = End time of this day (optional)
search-title = Search titles
field-tag = Tag
field-sort = Sort by
field-view = Show as
filter-all = All
sort-updated = Last changed
sort-title = Title
sort-date = Date
view-cards = Cards
view-list = List
apply-filters = Show
sessions-found = { $count ->
    [one] { $count } session
   *[other] { $count } sessions
}

## Dashboard: folders, archive, trash
dashboard-nav = Session lists
sessions-current = Current
archived-title = Archived sessions
field-folder = Folder
folder-hint = Sessions in the same folder are listed together; leave empty for none.
filter-from = From date
filter-to = To date
duplicate = Duplicate
duplicate-label = Duplicate { $title }
copy-suffix = (copy)
archive = Archive
archive-label = Archive { $title }
unarchive = Unarchive
unarchive-label = Unarchive { $title }
move-to-trash = Delete
trash-label = Delete { $title }
trash-title = Trash
trash-lead = Deleted sessions stay here for 30 days; restore one to bring it back as it was.
trash-empty = The trash is empty.
trash-purge-on = Deleted for good on
restore = Restore
restore-label = Restore { $title }
session-manage = Duplicate, archive or delete
notice-session-duplicated = This is a copy; the original is unchanged.
notice-session-archived = Session archived. Find it under Archived sessions.
notice-session-unarchived = Session back among the current ones.
notice-session-trashed = Session moved to the trash. You can restore it for 30 days.
notice-session-restored = Session restored from the trash.

## Categories
categories-title = Categories
categories-lead = Blocks take a category for their colour: one of the default palette or one of your own.
categories-own = Your categories
categories-none = No categories of your own yet.
categories-default = Default palette
category-name = Name
category-colour = Colour
category-add = Add category
category-none = No category
category-name-required = Give the category a name.
category-colour-invalid = Choose a colour.
category-name-taken = You already have a category with this name.
notice-category-added = Category added.
notice-category-removed = Category removed. Blocks keep its name without its colour.
category-check-in = Check-in
category-icebreaker = Icebreaker
category-energizer = Energizer
category-ideation = Ideation
category-prioritisation = Prioritisation
category-decision-making = Decision making
category-planning = Planning
category-reflection = Reflection
category-retrospective = Retrospective
category-team-building = Team building
category-feedback = Feedback
category-closing = Closing

## Block fields
field-category = Category
field-group-format = Group format
group-format-none = Not set
group-format-plenary = Plenary
group-format-small_groups = Small groups
group-format-pairs = Pairs
group-format-individual = Individual
lead-hint = Type a name, or pick a member of the workspace.
card-image = Card image
cover-image = Cover image
image-choose = Image file
image-hint = PNG, JPEG or WebP, at most 5 MB. It is re-encoded without its metadata.
image-upload = Upload
image-remove = Remove image
materials-summary = Materials summary

## Custom fields
custom-fields = Custom fields
custom-fields-lead = Extra fields for every block of this session, shown as Programme columns and on the cards.
custom-field-name = Field name
custom-field-kind = Type
custom-field-options = Choices
custom-field-options-hint = For a choice field: the choices, separated by commas.
custom-field-column = Show as a Programme column
custom-field-add = Add field
custom-column-shown = shown as a column
custom-kind-text = text
custom-kind-number = number
custom-kind-choice = choice
op-error-invalid-value = The value does not fit the field.
op-error-unknown-field = This session has no such field.
op-error-image-not-found = This session has no such image.

## Editor island
undo = Undo
redo = Redo
editor-help = The arrow keys move between blocks and cells; Enter edits a cell; Alt with the up or down arrow moves a block; a block can also be dragged by its handle. Press ? for every shortcut.
drag-label = Move “{ $title }”
editor-moved = %title% moved to position %position%.
editor-saved = Saved.
editor-undone = Undone.
editor-redone = Redone.
editor-nothing = Nothing to undo.
editor-failed = The change was refused: %reason%
editor-offline = The server could not be reached; nothing was changed. Try again.
editor-new-activity = New activity
editor-deleted = %title% deleted.
editor-inserted = New block added.
editor-expand = Show the blocks of %title%
editor-collapse = Hide the blocks of %title%
editor-edit-hint = Enter saves, Escape cancels.

## Libraries of methods and designs
nav-library = Library
nav-notifications = Notifications
nav-unread = unread
library-title = Library
library-nav = Library sections
library-methods = Methods
library-designs = Designs
library-search = Search
library-nothing = Nothing found. Try other words or fewer filters.
pages = Pages
page-prev = Previous
page-next = Next
filter-minutes-from = Minutes from
filter-minutes-to = Minutes to
filter-group = Group size
filter-scope = Where
filter-scope-all = Everything
filter-scope-public = Public library
filter-scope-mine = My library
filter-scope-favourites = Selected methods
filter-online = Works online
sort-relevance = Best match
sort-newest = Newest
sort-favourites = Most favourited
language-en = English
language-ru = Russian
language-any = Any language
scope-public = Public library
scope-workspace = Workspace library
scope-personal = My library
method-minutes = { $min }–{ $max } min
method-people = { $min }–{ $max } people
method-favourite = In your selected methods
method-favourites = { $count ->
    [one] { $count } favourite
   *[other] { $count } favourites
}
method-insert = Insert
method-insert-label = Insert “{ $title }”
method-new = New method
method-edit = Edit method
method-summary = Summary
method-duration = Duration
method-group = Group size
method-format = Format
method-in-person = In person
method-online = Online
method-in-person-and-online = In person and online
method-complexity = Complexity
complexity-easy = Easy
complexity-medium = Medium
complexity-advanced = Advanced
method-licence = Licence
method-goals = Goals
method-steps = Steps
method-tips = Facilitation tips
method-variations = Variations
method-source = Source
method-use = Use this method
method-favourite-add = Add to selected methods
method-unfavourite = Remove from selected methods
method-copy = Copy to my library
method-add-to-session = Add to the end of a session
method-duration-min = Shortest (minutes)
method-duration-max = Longest (minutes)
method-group-min = Fewest people
method-group-max = Most people
method-range-hint = The first number must not be larger than the second.
method-categories = Categories
method-tags = Tags
method-tags-hint = Your own tags, separated by commas.
method-lines-hint = One per line.
method-image = Illustration
method-image-none = None
method-attribution = Originator or source (text)
method-source-url = Source link
publication-pending = waiting for review
publication-published = published
publication-rejected = not published
publication-rejected-because = Not published: { $note }
publication-request = Ask to publish
publication-withdraw = Withdraw the request
publication-unpublish = Unpublish
publication-hint = Your methods and designs are private until an administrator approves them for the public library. Copies others made stay theirs.
design-blocks = { $count ->
    [one] { $count } block
   *[other] { $count } blocks
}
design-start = Start a session from this design
design-start-button = Start a session
session-library-title = Add from the library
session-save-as-design = Save as a design
block-from-method = From the library
block-to-library = Save to your library
block-to-library-hint = Keep this block as a method you can reuse in other sessions.
block-save-as-method = Save as a method
moderation-title = Moderation
moderation-empty = Nothing waits for review.
moderation-kind-method = Method
moderation-kind-template = Design
moderation-approve = Approve
moderation-approve-label = Approve “{ $title }”
moderation-reject = Reject
moderation-reject-label = Reject “{ $title }”
moderation-reason = Reason (needed to reject)
moderation-reason-required = Give a reason to reject it: the author will read it.
notifications-title = Notifications
notifications-empty = No notifications yet.
notifications-mark-read = Mark all as read
notifications-new = New
notification-note = Note from the moderator: { $note }
notification-publication-approved = “{ $title }” is now in the public library.
notification-publication-rejected = “{ $title }” was not published.
notice-method-saved = The method is saved.
notice-method-saved-from-block = The block is saved as a method in your library. Check its details.
notice-method-deleted = The method is deleted.
notice-method-copied = The method is copied to your library.
notice-method-inserted = The method is added to the session.
notice-publication-requested = Sent for review. You will be told when an administrator decides.
notice-publication-withdrawn = It is private again.
notice-publication-approved = Approved and published.
notice-publication-rejected = Rejected; the author is told why.
notice-design-saved = The session is saved as a design in your library.
notice-design-deleted = The design is deleted.
notice-notifications-read = All notifications are marked as read.
mail-publication-approved-subject = “{ $title }” is published
mail-publication-approved-body = An administrator approved “{ $title }”. It is now in the public library, where everyone can find it.
mail-publication-rejected-subject = “{ $title }” was not published
mail-publication-rejected-body = An administrator reviewed “{ $title }” and did not publish it. It stays in your library.
mail-publication-note = The administrator’s note: { $note }
mail-publication-open = Open it

## Sharing
share = Share
share-title = Share this session
share-lead = People with a role here see the session; editors change it, commenters comment, viewers read. The owner decides who is in.
share-invite = Invite someone
share-role = Role
share-invite-button = Invite
share-roles-hint = They get an email with an invitation to accept (someone with an account also finds it under Notifications); the role is theirs once they accept.
share-people = People
share-you = you
share-role-of = Role of { $name }
share-change = Change
share-remove = Remove
share-remove-label = Remove { $name }
share-make-owner = Make owner
share-make-owner-label = Make { $name } the owner
share-invitations = Invitations not answered yet
share-revoke = Withdraw
share-revoke-label = Withdraw the invitation of { $email }
share-leave = Leave this session
role-owner = Owner
role-editor = Editor
role-commenter = Commenter
role-viewer = Viewer
notice-share-invited = Invitation sent. It waits for their answer for 14 days.
notice-share-role-changed = Role changed.
notice-share-removed = Removed. They no longer see the session.
notice-share-owner-changed = The session has a new owner; you stay on as an editor.
notice-share-left = You left the session.
notice-invitation-revoked = Invitation withdrawn; its link no longer works.
field-error-unknown-role = Choose a role from the list.
field-error-cannot-invite = This person cannot be invited here: it is you, or the owner.
field-error-invalid-colour = Choose a colour as #rrggbb.
invitation-title = You are invited
invitation-lead = You are invited to the session “{ $title }” as { $role }.
invitation-join = Accept the invitation
invitation-register = Create an account and join
invitation-signin = I have an account: sign in
invitation-waiting-session = { $name } invites you to the session “{ $title }” as { $role }.
invitation-waiting-team = { $name } invites you to the team “{ $title }” as { $role }.
invitation-until = The invitation is open until { $date }.
invitations-waiting = Invitations
invitation-accept = Accept
invitation-decline = Decline
notice-invitation-accepted = Invitation accepted: welcome.
notice-invitation-declined = Invitation declined.
notification-session-invited = { $name } invites you to the session “{ $title }”: accept or decline it here.
notification-team-invited = { $name } invites you to the team “{ $title }”: accept or decline it here.
mail-invitation-subject = An invitation to work together on Plenary
mail-invited-session = { $name } ({ $email }) invites you to work on a session with them as { $role }. They call it: “{ $title }”.
mail-invited-team = { $name } ({ $email }) invites you to their team on Plenary as { $role }. They call it: “{ $title }”.
mail-invitation-answer = Open the invitation to accept or decline it; you will also find it under Notifications once you sign in. It is open for 14 days.
register-leave-empty = Leave this field empty
register-from-invitation = Once your account is made, you go straight to the session you were invited to.
shared-with-me = Shared with me
notification-session-shared = { $name } shared “{ $title }” with you.
mail-invitation-register = Open the link below to create a free account (or to sign in, if you have one with this address); you then go straight to what you are invited to. The link works for 14 days.
mail-invitation-open = Accept the invitation
read-only-note = You can read this session; only its editors change it.

## Live co-editing
live-connecting = Connecting…
live-connected = Live: changes appear as others make them.
live-offline = Offline: your changes are kept and sent when the connection is back.
live-here = Here now
live-editing = %name% is editing this
live-reload = This page is far behind the session; loading it again.
live-removed = You no longer have access to this session.

## Public links
links-title = Public link
links-lead = Anyone with the link sees the participant view: the flow and its times, without facilitator notes, leads or materials. Search engines are asked not to index it.
link-new = The new link (shown only now; copy it)
link-new-hint = Only a fingerprint of the link is kept, so it cannot be shown again. Make a new one if you lose it.
link-made = Made { $when }
link-expires = ends { $when }
link-no-expiry = no end date
link-expires-label = Link works for
link-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
link-create = Create a link
link-revoke = Revoke
link-revoke-label = Revoke the link: { $when }
notice-link-created = Public link created.
notice-link-revoked = Link revoked: it no longer opens the session.
participant-note = The participant view of this session, shared by its organiser.

## Comments
comments-title = Comments
comments-new = New comment
comments-about = What it is about
comments-about-session = The session as a whole
comments-deleted-block = A deleted block
comments-body = Comment
comments-mention-hint = Mention a collaborator with @ and their full name or email address (@Ann Lee); they are told.
comments-post = Post comment
comments-read-only = You can read the comments; commenters, editors and the owner write them.
comments-open = Open
comments-resolved = Resolved
comments-none = No open comments.
comments-former-member = A former member
comments-edited = edited
comments-edit = Edit
comments-edit-label = Your comment
comments-reply = Reply
comments-reply-button = Reply
comments-resolve = Resolve
comments-reopen = Reopen
comments-open-count = { $count ->
    [one] { $count } open comment
   *[other] { $count } open comments
}
notice-comment-added = Comment posted.
notice-comment-edited = Comment changed.
notice-comment-deleted = Comment deleted.
notice-comment-resolved = Resolved.
notice-comment-reopened = Reopened.
notification-comment-mention = { $name } mentioned you in a comment on “{ $title }”.
mail-mention-subject = { $name } mentioned you on “{ $title }”
mail-mention-body = { $name } mentioned you in a comment on the session “{ $title }”:
mail-mention-open = Read the comment

## Activity log
activity-title = Activity
activity-what = What happened
activity-who = Who
activity-all = Everything
activity-everyone = Everyone
activity-group-edits = Changes
activity-group-sharing = Sharing
activity-group-comments = Comments
activity-none = Nothing here yet.
activity-older = Older entries
activity-block-added = { $name } added “{ $block }”
activity-block-changed = { $name } changed { $field } of “{ $block }”
activity-block-moved = { $name } moved “{ $block }”
activity-block-deleted = { $name } deleted “{ $block }”
activity-block-restored = { $name } brought back “{ $block }”
activity-session-changed = { $name } changed { $field } of the session
activity-shared = { $name } shared the session with { $detail }
activity-joined = { $name } accepted an invitation and joined the session
activity-role-changed = { $name } changed the role of { $detail }
activity-unshared = { $name } removed { $detail }
activity-owner-changed = { $name } made { $detail } the owner
activity-former-member = a former member
activity-left = { $name } left the session
activity-link-created = { $name } created a public link
activity-link-revoked = { $name } revoked a public link
activity-commented = { $name } commented on “{ $block }”
activity-commented-session = { $name } commented on the session
activity-field-title = the title
activity-field-minutes = the duration
activity-field-description = the description
activity-field-notes = the facilitator notes
activity-field-lead = the lead
activity-field-materials = the materials
activity-field-category = the category
activity-field-pinned-start = the pinned start

## Email notifications
email-notifications-title = Email notifications
email-notifications-legend = When something concerns you (a session shared with you, a mention, a publication reviewed), email me
email-notifications-instant = at once
email-notifications-daily = once a day, in one digest
email-notifications-off = never (I read them in the app)
notice-email-notifications-saved = Your choice is saved.
mail-digest-subject = { $count ->
    [one] { $count } notification from Plenary
   *[other] { $count } notifications from Plenary
}
mail-digest-body = { $count ->
    [one] Here is what happened since your last digest:
   *[other] Here are the { $count } things that happened since your last digest:
}
mail-digest-open = Open your notifications

## Versions
versions-title = Versions
versions-lead = A version is saved by itself after a pause in editing and once a day, and whenever you save one with a name. Restoring one saves the session as it is first, so a restore can be undone.
versions-none = No versions yet. One is saved a few minutes after the first change.
version-save = Save a version
version-name = Name of the version
version-save-button = Save version
version-restore = Restore
version-restore-label = Restore “{ $name }”
version-restore-this = Restore this version
version-viewing = Version “{ $name }”
version-read-only = read-only
version-kind-auto = Saved after a pause
version-kind-daily = Saved for the day
version-kind-named = Named version
version-kind-restore = Before a restore
version-before-restoring = Before restoring “{ $name }”
version-blocks = { $count ->
    [one] { $count } block
   *[other] { $count } blocks
}
notice-version-saved = Version saved.
notice-version-restored = Version restored. The session as it was before is saved under Versions.
notice-version-restored-partly = Version restored, except for changes the session no longer allows (such as a picture since deleted).
activity-version-saved = { $name } saved the version “{ $detail }”
activity-version-restored = { $name } restored the version “{ $detail }”
activity-version-restored-auto = { $name } restored an earlier version

## Workspaces
workspaces-title = Workspaces
workspaces-lead = Your personal workspace is yours alone. In a team, every member sees and edits the team’s sessions and library; admins also manage who is in it.
workspaces-manage = Manage workspaces
workspace-label = Workspace
workspace-current = Current
workspace-kind-team = team
workspace-kind-personal = Personal workspace
workspace-role-admin = admin
workspace-role-member = member
workspace-members-count = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
workspace-switch = Switch
workspace-switch-label = Switch to “{ $name }”
workspace-create = Create a team
workspace-create-lead = A team workspace has its own sessions, library and categories. You will be its admin and can invite colleagues.
workspace-name = Name of the team
workspace-create-button = Create team
workspace-personal-lead = This is your personal workspace. To work with colleagues, create a team or share a session.
workspace-team-lead = Every member sees and edits this team’s sessions and library. Admins invite, change and remove members.
workspace-invite = Invite a member
workspace-roles-hint = A member edits the team’s sessions and library. An admin also manages members and the team’s name.
workspace-members = Members
workspace-rename = Rename the team
workspace-rename-button = Rename
workspace-leave = Leave this team
notice-workspace-created = Team created. You are working in it now.
notice-workspace-switched = Switched workspace.
notice-workspace-renamed = Team renamed.
notice-workspace-left = You left the team.
error-last-admin = A team needs at least one admin. Make someone else an admin first.
error-owner-role = The owner keeps their role. To step back, make someone else the owner first.
error-personal-workspace = A personal workspace belongs to one person only.
error-category-taken = The workspace already has a category with this name.
error-conflict = This cannot be done as things stand. Reload the page and try again.
error-batch-refused = Change { $number } of the batch was refused, so none of it was made: { $reason }
notification-workspace-joined = { $name } added you to the team “{ $title }”.
invitation-team-lead = You are invited to join the team “{ $team }” as { $role }.

## Files
files-title = Files
files-used = This workspace uses { $used } of { $quota }.
files-upload = Upload files
files-choose = Files
files-hint = Pictures (PNG, JPEG, WebP, GIF), PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV and Markdown. Several at once. Pictures are stored without their metadata.
files-for = For
files-for-session = The whole session
files-of-block = for “{ $title }”
files-upload-button = Upload
files-none = No files yet.
files-none-chosen = Choose at least one file.
files-problems = Some files were not uploaded:
files-some-uploaded = { $count ->
    [one] { $count } file uploaded.
   *[other] { $count } files uploaded.
}
file-pending = being scanned
file-infected = blocked: malware found
file-delete = Delete
file-delete-label = Delete “{ $name }”
notice-files-uploaded = Uploaded.
notice-file-deleted = File deleted.
size-kb = { $count } KB
size-mb = { $count } MB
error-file-empty = The file is empty.
error-file-too-large = The file is larger than { $megabytes } MB.
error-file-type-not-allowed = This kind of file cannot be uploaded (SVG, HTML, programs and archives are refused).
error-file-name-mismatch = The content does not match the name: it is a .{ $ending } file.
error-file-unpacks-too-large = This document unpacks to more than { $megabytes } MB or holds too many parts, so it is refused.
error-file-name-disguised = The file name holds characters that change the order in which it is shown, so it could pass for another file. Rename it and upload it again.
error-storage-quota-exceeded = The workspace’s storage is full. Delete files you no longer need.
notification-file-infected = “{ $title }”, uploaded to “{ $name }”, contains malware and is blocked.
method-files-manage = Add or remove files
workspace-storage = Storage
workspace-storage-largest = The largest files, with where they are:
files-drop = Drop files here, or paste them, to upload them at once.
files-uploading = Uploading { $name }
files-done = uploaded
files-failed = not uploaded

# The Programme's layout (issue 18)
nav-menu = Menu
tab-settings = Settings
days-count = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
details-all = All details
shortcuts-title = Keyboard shortcuts
close = Close
shortcut-arrows = Move between blocks and cells
shortcut-home-end = The row's first or last cell; with Ctrl, the first or last block
shortcut-enter = Edit the cell, or open the block's menu
shortcut-escape = Cancel the edit, close a menu
shortcut-space = Show or hide the block's details
shortcut-move = Move the block up or down
shortcut-new = Add an activity after the block
shortcut-form = Open the block's full form
shortcut-delete = Delete the block (Undo brings it back)
shortcut-help = This list
shortcut-tab-design = Move between the cards and what is on them
shortcut-enter-design = Edit the focused title, duration or lead in place
shortcut-move-design = On a card's handle: move the card up or down
col-order = Order
block-details = Details
files-count = { $count ->
    [one] { $count } file
   *[other] { $count } files
}
insert-after = Add after
move-up = Move up
move-down = Move down
actions-label = Actions for “{ $title }”
editor-help-design = Drag a card by its handle, or focus the handle and press the up and down arrow keys. Ctrl+Z undoes, Ctrl+Shift+Z redoes. Press ? for every shortcut.
editor-set = %field%: not set
print-back = Back to the Programme
print-options = What to print
print-apply = Apply
op-error-field-name-taken = Another field has this name already.
editor-method-added = %title% added.
method-add-label = Add “{ $title }” to the plan
library-more = More results
panel-all-categories = All categories
panel-help = Drag a method into the plan, or press its + to add it after the selected block (at the end when none is).
library-open = Add from the library
design-empty-drop = Nothing here yet: drop a block or a method here.
design-add-card = Add an activity
language-auto = Auto (yours, or the words’ own)
start-from-design = Start from a design
home-first-title = Plan your first session
home-first-lead = Give it a name and a date; you add its blocks next. Or start from a ready-made design and change what you like.
home-first-designs = Ready-made designs for workshops, retrospectives, strategy days and more.
home-none-match = No session matches these filters.
filters-more = More filters
edit-sheet-full = All of the block's options (card image, save as a method)

## Exports and imports
export-word-programme = Programme
export-word-date = Date
export-word-start = Start
export-word-end = End
export-word-duration-minutes = Duration (min)
export-word-total = Total
export-word-page = Page
export-no-materials = This session needs no materials.
export = Export
export-menu = Export this session
export-pdf = Programme (PDF)
export-pdf-landscape = Programme, landscape (PDF)
export-pdf-notes = Programme with notes and materials (PDF)
export-cards-pdf = Design as cards (PDF)
export-materials-pdf = Materials list (PDF)
export-docx = Word document (DOCX)
export-xlsx = Spreadsheet (XLSX)
export-csv = Table (CSV)
export-ics = Calendar, an event per block (iCalendar)
export-ics-days = Calendar, an event per day (iCalendar)
export-md = Text (Markdown)
export-json = Everything, to import again (JSON)
export-ics-short = Calendar (iCalendar)
export-participant = Download
import-title = Import a session
import-link = Import from a file
import-intro = Make a new session from a Plenary JSON export, or from a CSV file with a row per block.
import-csv-help = A CSV’s first row names its columns: title, duration (minutes, or hours and minutes as 1:30), kind (activity, break, note, section or day), notes, description, lead and category. Any other column becomes a custom field. You see the rows before anything is made.
import-file = File (JSON or CSV, up to 5 MB)
import-session-title = Title of the new session (for a CSV)
import-submit = Import
import-preview-title = Check the rows before importing
import-preview-summary = { $good } of { $total } rows can be imported.
import-preview-bad = The rows marked with a problem are left out.
import-preview-custom = These columns become custom fields: { $names }.
import-preview-custom-left-out = These columns would be custom fields, which the workspace’s plan does not include: { $names }. They are left out.
import-good-rows = { $count ->
    [one] Import { $count } good row
   *[other] Import { $count } good rows
}
import-again = Choose another file
import-col-line = Line
import-col-problem = Problem
import-row-ok = OK
import-problem-no-title = No title.
import-problem-bad-duration = The duration is not minutes (45) or hours and minutes (1:30), or is too long.
import-problem-bad-kind = Unknown kind: use activity, break, note, section or day.
import-problem-too-long = A text is too long.
import-problem-bad-value = A value does not fit its custom field.
error-import-not-json = The file is not JSON. Choose a Plenary JSON export or a CSV file.
error-import-not-an-export = The file is JSON, but not a Plenary session export.
error-import-format-version = The export is of format version { $version }, which this Plenary cannot read.
error-import-not-text = The file is not text (UTF-8). Save the spreadsheet as CSV (UTF-8) and try again.
error-import-not-csv = The file cannot be read as CSV.
error-import-no-title-column = The CSV has no “title” column. Name the columns in its first row.
error-import-empty = The file has no blocks to import.
error-import-invalid = The file holds a value a session cannot take ({ $what }: { $reason })
error-import-bad-rows = Some rows have problems (lines { $lines }). Check them in the preview, or import the good rows only.
notice-session-imported = The session was imported.
error-export-running = The export is still being made. Try again in a moment.
error-export-failed = The export could not be made.
export-progress-title = Preparing your export
export-progress-done-title = Your export is ready
export-progress-failed-title = The export could not be made
export-progress-running = Making “{ $name }”…
export-progress-elapsed = { $seconds ->
    [one] { $seconds } second so far.
   *[other] { $seconds } seconds so far.
}
export-progress-leave = A large session takes a while. You can leave this page: we will email you a link when the file is ready.
export-progress-keep = A large session takes a while. Keep this page open: the download appears here.
export-progress-done = “{ $name }” is ready.
export-progress-download = Download ({ $size })
export-progress-kept = The file is kept for 7 days.
export-progress-failed = “{ $name }” could not be made. Try again, or choose another format.
export-progress-back = Back to the session
export-progress-check = Check again
mail-export-ready-subject = Your export “{ $name }” is ready
mail-export-ready = The export “{ $name }” you asked for is ready. Download it within 7 days.
mail-export-download = Download the file
mail-export-failed-subject = Your export “{ $name }” could not be made
mail-export-failed = The export “{ $name }” you asked for could not be made. Open the session to try again, or choose another format.
mail-export-open-session = Open the session

## Plans and prices
size-gb = { $count } GB
pricing-title = Plans and prices
pricing-intro = Every plan has the Programme and the Design, the library, sharing and live co-editing. The plans differ in how much they hold and in a few features.
pricing-currency = Currency
pricing-free = Free
pricing-per-month = { $price } a month
pricing-per-year = or { $price } a year
pricing-active-sessions = { $count ->
    [one] { $count } active session
   *[other] { $count } active sessions
}
pricing-active-sessions-unlimited = Active sessions without limit
pricing-collaborators-per-session = { $count ->
    [one] { $count } collaborator a session
   *[other] { $count } collaborators a session
}
pricing-collaborators-per-session-unlimited = Collaborators without limit
pricing-team-members = { $count ->
    [one] { $count } team member
   *[other] { $count } team members
}
pricing-team-members-unlimited = Team members without limit
pricing-storage-mb = { $size } for files and content
pricing-storage-mb-unlimited = Storage without limit
pricing-private-methods = { $count ->
    [one] { $count } method in your own library
   *[other] { $count } methods in your own library
}
pricing-private-methods-unlimited = Your own library without limit
pricing-history-days = { $count ->
    [one] { $count } day of version history
   *[other] { $count } days of version history
}
pricing-history-days-unlimited = All the version history
pricing-feature-run-mode = Run mode
pricing-feature-exports = Exports: PDF, Word, spreadsheet, calendar
pricing-feature-public-links = Public links for participants
pricing-feature-custom-fields = Custom fields
pricing-included = included
pricing-not-included = not included
pricing-multi-day = A session of several days counts as one active session.
pricing-start = Create a free account

limit-active-sessions = Active sessions
limit-collaborators-per-session = Collaborators on one session
limit-team-members = Team members
limit-storage-mb = Storage
limit-private-methods = Methods in your library
limit-history-days = Version history
error-title-402 = Plan limit reached
error-plan-limit = { $limit }: { $used } of { $max }. Free a place, or move to a larger plan.
error-plan-limit-upgrade = See your plan
error-plan-feature = The workspace’s plan does not include this: { $feature }. A larger plan has it.
error-title-plan-feature = Not in this plan
billing-title = Plan and billing
billing-workspace = Workspace “{ $name }”
billing-free = The workspace is on the free plan.
billing-granted-until = Granted by the service’s administrators until { $date }.
billing-paid-until = Paid until { $date }.
billing-compare = Compare plans
billing-usage = What the workspace uses
billing-used-of = { $used } of { $max }
billing-used-unlimited = { $used }, without limit
billing-full = full
billing-history-kept = { $count ->
    [one] { $count } day kept
   *[other] { $count } days kept
}
billing-history-all = All kept
billing-features = Features
billing-history = History
billing-history-empty = Nothing yet.
billing-event-granted = { $plan } granted until { $date } by { $by }. Reason: { $reason }
billing-by-service = the service

error-title-503 = Try again in a moment
error-payments-unavailable = The payment service did not answer. No money was taken; try again in a few minutes.
test-mode-banner = Test mode: payments go to the sandbox, and no money moves.
notice-payment-received = Payment received. The plan is active; a receipt is on its way by email.
notice-plan-switched = The plan is switched. The calculation is in the receipt and below.
notice-renewal-canceled = Renewal stopped. The plan lasts to the end of the paid term.
notice-renewal-resumed = Renewal resumed.
pricing-choose-month = Pay monthly
pricing-choose-year = Pay annually
billing-next-charge = Next charge: { $amount } on { $date }, from the saved card.
billing-ends-on = Renewal is stopped: the plan ends on { $date }, then the workspace moves to the free plan. Nothing is deleted.
billing-card-label = Card:
billing-card = { $brand } •••• { $last4 }
billing-cancel = Stop renewal
billing-cancel-hint = The plan lasts to the end of the paid term; no refund for the rest of it.
billing-resume = Resume renewal
billing-admins-pay = The workspace’s admins choose and pay for its plan.
billing-change = Change the plan
billing-payments = Payments
billing-payment-paid = paid
billing-payment-refunded = refunded
billing-payment-retrying = not paid yet, will be tried again
billing-payment-failed = not paid: { $reason }
billing-payment-first = { $plan }, first payment
billing-payment-renewal = { $plan }, renewal
billing-payment-switch = Switch to { $plan }
billing-event-paid = { $plan } paid until { $date }.
billing-event-renewed = { $plan } renewed until { $date }.
billing-event-switched = Switched to { $plan }, paid until { $date }.
billing-event-credited = A second payment went to the balance; { $plan } stays paid until { $date }.
billing-event-canceled = Renewal of { $plan } stopped by { $by }; it lasts until { $date }.
billing-event-resumed = Renewal of { $plan } resumed by { $by }.
billing-event-renewal-failed = The renewal of { $plan } was not paid ({ $reason }); paid features last until { $date } while it is tried again.
billing-event-lapsed = The renewal of { $plan } could not be paid; the plan ends on { $date }.
billing-wait-title = Waiting for the bank
billing-wait-lead = The payment is not confirmed yet. This page looks again every few seconds; you may also close it: the plan starts as soon as the bank confirms.
checkout-heading = Pay for { $plan }
checkout-calculation = The calculation
checkout-price-month = A month
checkout-price-year = A year
checkout-credit = Unused part of the current term
checkout-balance = From the workspace’s balance
checkout-balance-after = Left on the balance for later payments
checkout-to-pay = To pay now
checkout-switch-year = Pay annually instead
checkout-switch-month = Pay monthly instead
checkout-consent-month = I agree that { $plan } renews by itself every month: { $price } is charged to the card I add now on day { $day } of each month (the month’s last day when it is shorter), first on { $date }, until I stop renewal on the billing page.
checkout-consent-year = I agree that { $plan } renews by itself every year: { $price } is charged to the card I add now each year on { $date } and the same date after, until I stop renewal on the billing page.
checkout-cancel-any-time = You can stop renewal at any time: the plan then lasts to the end of the paid term. The card is entered on the payment provider’s page; Plenary never sees its number.
checkout-pay = Pay { $amount }
checkout-back = Back
checkout-declined = The payment did not go through: { $reason } No money was taken. Try again, or use another card.
checkout-price-changed = The price has changed since the page was opened. Check the new calculation and pay again.
checkout-consent-needed = Agree to the renewal terms to pay.
payment-description-month = Plenary { $plan }, one month
payment-description-year = Plenary { $plan }, one year
receipt-subject = Receipt: { $amount } paid to Plenary
receipt-paid = We have received { $amount } for { $what }. Thank you.
receipt-number = Payment number: { $number }
receipt-action = See the plan and payments
renewal-failed-subject = Your Plenary plan could not be renewed
renewal-failed-line = We tried to charge { $amount } for the next term, but the payment did not go through: { $reason }
renewal-failed-retry = We will try again on { $date }. Paid features last until { $until }; after that the workspace moves to the free plan, with nothing deleted.
renewal-failed-gave-up = We will not try again. The plan ends when its paid features end; the workspace then moves to the free plan, with nothing deleted. You can pay for a plan again at any time.
renewal-failed-action = Check the card and plan
decline-card-declined = the bank declined the card.
decline-insufficient-funds = not enough money on the card.
decline-confirmation-refused = the payment was not confirmed.
decline-no-card = there is no saved card.
decline-abandoned = the payment page was left without paying.
decline-ended = the plan was ended by the service’s administrators.
decline-amount-mismatch = the provider reported another amount.
decline-other = the provider said “{ $reason }”.
sandbox-title = Test payment
sandbox-lead = This is the sandbox, Plenary’s test payment page: no money moves, and it takes only the test cards below.
sandbox-number = Card number
sandbox-expiry = Expiry
sandbox-expiry-hint = MM/YY, e.g. 12/30
sandbox-cvc = CVC
sandbox-cvc-hint = Three digits, on the back
sandbox-cards = Test cards
sandbox-cards-lead = Any expiry not in the past and any three-digit code.
sandbox-card-succeeds = Pays; later charges succeed.
sandbox-card-confirms = Asks to confirm the payment first, as 3-D Secure does.
sandbox-card-declined = Declined by the bank.
sandbox-card-insufficient = Declined: not enough money.
sandbox-card-declines-later = Pays now; every later charge (a renewal) is declined.
sandbox-error-number = Test mode takes only the test cards listed below.
sandbox-error-expiry = Write the expiry as MM/YY, e.g. 12/30.
sandbox-error-expired = This card has expired.
sandbox-error-cvc = The security code is three digits.
sandbox-confirm-title = Confirm the payment
sandbox-confirm-lead = In test mode this stands for your bank’s confirmation page.
sandbox-confirm = Confirm
sandbox-refuse = Refuse
billing-renewal-retrying = The renewal was declined and is being tried again. Paid features last until { $date }. To keep the plan, pay for it below with another card.
test-mode-label = Test mode
decline-superseded = a payment for a new term was made instead.

session-held = Read-only: the workspace’s plan keeps fewer sessions active than it has, and this one is past them. Nothing is lost: it can still be read, exported and deleted.
session-held-link = Choose the active sessions or change the plan
session-held-badge = Read-only
notice-active-chosen = Saved. The sessions you ticked are active; the others are read-only.
billing-active-title = Active sessions
billing-active-lead = { $count ->
    [one] The plan keeps { $count } session active. Tick the one you want to keep working in; the rest become read-only.
   *[other] The plan keeps up to { $count } sessions active. Tick the ones you want to keep working in; the rest become read-only.
}
billing-active-lead-unlimited = The plan keeps every session active. Sessions you untick become read-only.
billing-active-kept = Nothing in a read-only session is deleted: the people it is shared with can still read it, and it can be exported or deleted. Archived sessions do not count. A larger plan makes them editable again.
billing-active-none = There are no sessions outside the archive.
billing-active-legend = { $count ->
    [one] Session to keep active (at most { $count })
   *[other] Sessions to keep active (at most { $count })
}
billing-active-legend-unlimited = Sessions to keep active
billing-active-save = Save the choice
billing-active-back = Back to the plan
billing-active-changed = changed { $when }
billing-active-too-many = { $chosen } sessions are ticked, but the plan keeps at most { $max } active. Untick some, or move to a larger plan.
billing-held = { $count ->
    [one] { $count } session is read-only: the plan keeps fewer sessions active than the workspace has. Nothing is deleted.
   *[other] { $count } sessions are read-only: the plan keeps fewer sessions active than the workspace has. Nothing is deleted.
}
billing-held-choose = Choose the active sessions
billing-held-admins = The workspace’s admins choose which sessions stay active.
held-mail-subject = Some of your sessions are read-only now

billing-transfer-title = Pay by bank transfer
billing-transfer-lead = An organisation can pay for a year of the team’s plan by bank transfer: fill in its details, get a numbered invoice as a PDF, and the plan starts when the money arrives (within two business days).
billing-transfer-action = Get an invoice
invoice-form-title = An invoice for the organisation
invoice-form-lead = The invoice is issued in the organisation’s name for a year of the plan, in roubles. The details are checked as you send them and kept for the next invoice.
invoice-plan = Plan for a year
invoice-plan-option = { $plan }: { $price } a year
invoice-plan-required = Choose a plan that is paid for by the year.
invoice-organisation = The organisation
invoice-bank = Its bank
invoice-signatory = Who signs
invoice-issue = Issue the invoice
org-name = Name
org-legal-form = Legal form (LLC, JSC, sole trader…)
org-inn = INN
org-inn-hint = 10 digits for a company, 12 for a sole trader.
org-kpp = KPP
org-kpp-hint = 9 characters; a sole trader has none.
org-ogrn = OGRN
org-ogrn-hint = 13 digits (OGRNIP of a sole trader: 15).
org-address = Legal address
org-bank = Bank
org-bik = BIK
org-bik-hint = 9 digits, starting with 04.
org-account = Settlement account
org-account-hint = 20 digits, checked against the BIK.
org-correspondent-account = Correspondent account
org-correspondent-account-hint = 20 digits starting with 30101, checked against the BIK.
org-head = Head (name)
org-authority = Acts on the basis of
org-authority-hint = For example: the Charter, a power of attorney No. 5 of 01.02.2026.
requisite-length = { $field }: { $expected } characters are expected.
requisite-not-digits = { $field }: digits only.
requisite-checksum = { $field }: the check digits do not match; please check the number.
requisite-format = { $field }: not in the expected form.
invoice-page-title = Invoice No. { $number } of { $date }
invoice-for = For
invoice-status = Status
invoice-status-issued = Waiting for the transfer
invoice-status-paid = Paid: the transfer arrived on { $date }
invoice-status-canceled = Canceled
invoice-paid-short = paid
invoice-next = Pay the invoice from the organisation’s account. The plan starts on the day the service’s administrators see the transfer, and you will be told by email.
invoice-pdf-ru = Invoice (PDF, Russian)
invoice-pdf-en = Invoice (PDF, English)
act-pdf-ru = Act of services (PDF, Russian)
act-pdf-en = Act of services (PDF, English)
invoice-file = Invoice { $number }
act-file = Act { $number }
invoice-title = Invoice No. { $number } of { $date }
invoice-payee-bank = Payee’s bank
invoice-payee = Payee
invoice-payee-role = Supplier
invoice-payer-role = Payer
invoice-col-no = No.
invoice-col-name = Service
invoice-col-quantity = Qty
invoice-col-unit = Unit
invoice-col-price = Price
invoice-col-amount = Amount
invoice-unit = service
invoice-item = Plenary, plan “{ $plan }” for one year
invoice-total = Total:
invoice-vat = Including VAT { $rate }%:
invoice-no-vat = Without VAT:
invoice-due = Total due:
invoice-purpose = Payment purpose: payment under invoice No. { $number } for the Plenary plan “{ $plan }” for one year.
invoice-terms = The plan starts when the payment arrives, within two business days. The invoice is valid for 10 days.
invoice-head = Head
act-title = Act of services No. { $number } of { $date }
act-contractor = Contractor
act-customer = Customer
act-basis = Basis
act-basis-invoice = Invoice No. { $number } of { $date }
act-item = Plenary, plan “{ $plan }” from { $from } to { $to }
act-done = The services were rendered in full and on time. The customer has no claims as to their scope, quality or timing.
document-page = Page
invoice-paid-subject = Transfer received for invoice No. { $number }
invoice-paid-line = The transfer for invoice No. { $number } has arrived: the plan “{ $plan }” is active from today for a year. The act of services is on the invoice’s page.
invoice-paid-action = Open the invoice
admin-invoices-title = Invoices
admin-invoices-none = No invoices yet.
admin-invoice-number = Invoice No. { $number }
admin-invoice-note = What showed the transfer (payment order, date)
admin-invoice-note-required = Say what showed the transfer, for the record.
admin-invoice-mark-paid = Mark paid
admin-invoice-paid = Paid on { $date }: { $note }
invoice-workspace-gone = a workspace since deleted
notice-invoice-marked-paid = Marked paid. The plan has started and the workspace’s owner is told.
requisite-or = or

## The administrators' billing console, refunds and receipts
admin-billing-title = Billing
admin-billing-search = Find a workspace by its name or its owner’s email
admin-billing-subscriptions = Workspaces with a plan
admin-billing-found = Workspaces found
admin-billing-none = No workspaces here.
admin-billing-payments = Latest payments
admin-billing-no-payments = No payments yet.
admin-billing-back = All workspaces and payments
admin-billing-plan = { $plan }, { $period }
admin-billing-period-month = monthly
admin-billing-period-year = annual
admin-billing-paid-until = paid until { $date }, not renewing
admin-billing-renews-on = paid, renews on { $date }
admin-billing-granted-until = granted until { $date }
admin-billing-ended-on = ended on { $date }
admin-billing-retrying-until = the renewal failed and is tried again; paid features until { $date }
payment-provider-sandbox = sandbox (test mode)
payment-provider-yookassa = YooKassa
payment-provider-stripe = Stripe
payment-provider-transfer = bank transfer
payment-provider-none = no card
admin-billing-balance = balance { $amount }
admin-phones-title = Accounts that share a phone number
admin-phones-lead = One free account per person is the rule (User Agreement, 3.7). Nothing enforces it: these accounts give the same phone number, for you to look at. Phone numbers are given by people and not checked.
admin-phones-none = No two accounts give the same phone number.
admin-phones-confirmed = email confirmed
admin-phones-unconfirmed = email not confirmed
admin-phones-since = since { $date }
admin-grant-title = Grant a plan
admin-grant-lead = The workspace gets the plan without payment for the days you set: a pilot, a partner, a mistake mended. A paid term is replaced by the grant; its balance is kept. Zero days ends a grant now.
admin-grant-plan = Plan
admin-grant-days = Days
admin-grant-days-hint = From 0 to { $max }.
admin-grant-submit = Grant the plan
admin-grant-plan-required = Choose one of the plans.
admin-grant-days-invalid = Days are a whole number from 0 to { $max }.
admin-reason = Reason (kept in the workspace’s history, which its admins see)
admin-reason-required = Say why, for the record.
admin-refund-title = Refund
admin-refund-amount = Amount to give back, { $currency }
admin-refund-end-plan = End the paid plan now as well
admin-refund-hint = Card payments are given back through the payment provider; the payer is told by email. For a bank transfer, send the money back from the bank first: this only records it.
admin-refund-submit = Refund
admin-refund-amount-invalid = Write an amount above zero, such as 990 or 990.50.
admin-refund-amount-too-much = That is more than is left of the payment.
admin-refund-stale = This payment was refunded or changed since the page was shown. Look at it again.
admin-refund-other-provider = This payment was made through another payment provider than the one in use now: refund it in that provider’s dashboard.
admin-refund-unavailable = The payment provider could not be reached. Nothing was refunded; try again in a minute.
admin-refund-refused = The payment provider refused the refund: { $reason }
notice-plan-granted = The plan is granted and written in the workspace’s history.
notice-payment-refunded = Refunded. The payer is told by email.
billing-event-refunded = { $by } gave back part or all of a payment for { $plan }. Reason: { $reason }
billing-event-refunded-ended = { $by } gave back a payment for { $plan } and ended the plan. Reason: { $reason }
billing-payment-part-refunded = paid, { $amount } given back
billing-receipt-pdf = Receipt (PDF)
refund-subject = Refund: { $amount } from Plenary
refund-line = We have given back { $amount } of your payment for { $what }. Banks take up to 10 days to show it.
refund-plan-ended = The plan’s paid features have ended with it.
receipt-title = Payment receipt of { $date }
receipt-file = Receipt { $date }
receipt-seller = Paid to
receipt-buyer = Paid by
receipt-paid-total = Paid:
receipt-refunded = Given back:
receipt-by-card = Paid by card through the payment provider.
receipt-by-transfer = Paid by bank transfer under an invoice.
receipt-fiscal = The fiscal receipt (54-FZ) was sent to { $email } by the payment provider.
receipt-test-mode = Test mode: no money was moved.

## Cookie consent
consent-banner-title = Cookies on Plenary
consent-banner-text = Plenary needs a few cookies to work: for signing in and for this choice. With your consent it also remembers your settings and counts page views anonymously; if this installation shows advertising, that needs your consent too. Nothing optional is used until you choose.
consent-accept-all = Accept all
consent-reject-all = Reject all
consent-choose = Choose
consent-settings = Cookie settings
consent-save = Save my choice
consent-intro = Choose which cookies and browser storage Plenary may use. You can change or withdraw your choice here at any time, from the link at the foot of every page.
consent-current = Your choice now: { $choice }.
consent-none-yet = You have not chosen yet: only strictly necessary cookies are used.
consent-gpc = Your browser sends Global Privacy Control, which we take as a refusal of analytics and advertising.
consent-always-on = always on
consent-log = Your recorded choices
consent-only-necessary = strictly necessary cookies only
consent-allowed = { $categories } and { $last } cookies
consent-word-necessary = strictly necessary
consent-word-functional = functional
consent-word-analytics = analytics
consent-word-advertising = advertising
consent-necessary = Strictly necessary
consent-necessary-text = Sign-in, the language you pick while your browser is open, your place in the editor's undo history, and this choice itself. The service cannot work without them, so they need no consent.
consent-functional = Functional
consent-functional-text = Remember your settings between visits: the language you picked and how the editor shows blocks.
consent-analytics = Analytics
consent-analytics-text = Counts of page views and of features used, kept by this service with nothing that identifies you, so we learn what to improve.
consent-analytics-none = No cookie is set for this: the counts are kept on the server.
consent-advertising = Advertising
consent-advertising-text = Advertising and its measurement, including personalised advertising.
consent-advertising-none = Plenary itself shows no advertising and sets no advertising cookie. If the operator of this installation adds any, it is used only with this consent.
consent-use-login = Keeps you signed in.
consent-use-consent = Remembers your cookie choice.
consent-use-lang-session = The language you picked, while the browser is open.
consent-use-history = Undo and redo in the session editor, for each session, in this tab.
consent-use-htmx-path = The address of the page, so the Back button returns to it after a search.
consent-use-lang = Remembers the language you picked between visits.
consent-use-details = Whether the editor shows every block's details.
consent-lifetime-browser = until the browser closes
consent-lifetime-tab = until the tab closes
consent-lifetime-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
consent-lifetime-login = { $days ->
    [one] until you sign out, at most { $days } day
   *[other] until you sign out, at most { $days } days
}
consent-lifetime-kept = until you clear the browser's storage or withdraw consent
notice-cookies-saved = Your cookie choice is saved. Change it at any time from “Cookie settings” at the foot of the page.

## Analytics (administrators)
analytics-title = Analytics
analytics-about = Counted only for visitors who allowed analytics cookies, by page and feature, per day (UTC). Nothing here names or tells apart a person.
analytics-period = Period
analytics-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
analytics-page-heading = Page views
analytics-feature-heading = Features used
analytics-page-summary = { $total ->
    [one] { $total } page view
   *[other] { $total } page views
} in { $days } days; the busiest day had { $max }.
analytics-feature-summary = { $total ->
    [one] { $total } use of a feature
   *[other] { $total } uses of features
} in { $days } days; the busiest day had { $max }.
analytics-page-empty = No page views counted in { $days } days.
analytics-feature-empty = No feature use counted in { $days } days.
analytics-figures = The figures
analytics-day = Day
analytics-hits = Count
analytics-route = Page or feature
analytics-top-pages = Most viewed pages
analytics-top-features = Most used features
analytics-none = Nothing counted in this period.

## Advertising emails
mail-advertising-footer = You receive news and offers from Plenary because you have not refused them.
mail-unsubscribe = Unsubscribe
messages-title = News and offers
messages-about = Emails about your account, billing, shares and mentions always reach you. News and offers are advertising: you may refuse them here or with the link at the foot of each one.
messages-advertising = Send me news and offers by email
messages-personalised = Advertising may be chosen for me based on how I use Plenary
notice-messages-saved = Your choice about news and offers is saved.
unsubscribe-title = Unsubscribe from news and offers
unsubscribe-ask = Stop sending news and offers to this address? Emails about your account, billing, shares and mentions will still come.
unsubscribe-confirm = Unsubscribe
unsubscribe-done = Done: no more news and offers will be sent to this address.
unsubscribe-account = You can subscribe again on your account page.
unsubscribe-account-link = Open my account
newsletters-title = News emails
newsletters-audience = { $count ->
    [one] { $count } person with a confirmed address has not refused news and offers.
   *[other] { $count } people with a confirmed address have not refused news and offers.
}
newsletters-new = A new email
newsletters-subject = Subject
newsletters-body = Text
newsletters-body-hint = Plain text; a blank line starts a new paragraph. Each person gets it in their language, with a greeting and a link to unsubscribe.
newsletters-send = Send to everyone who has not refused
newsletters-sent = Sent before
newsletters-queuing = { $count ->
    [one] Sending: { $count } email queued so far.
   *[other] Sending: { $count } emails queued so far.
}
newsletters-queued-all = { $count ->
    [one] Sent: { $count } email queued.
   *[other] Sent: { $count } emails queued.
}
notice-newsletter-sent = The email is on its way: it is being queued for everyone who has not refused news and offers.

## Deleting an account
delete-account-title = Delete account
delete-account-intro = Delete your account and everything private in it. Public methods and designs stay in the library, without your name.
delete-account-open = Delete my account…
delete-account-lead = Deleting your account cannot be undone. You are signed out everywhere and your API tokens stop working. Download anything you want to keep first.
delete-account-goes = What is deleted
delete-account-goes-profile = Your profile, email address, avatar, logins, tokens, notifications and cookie choices.
delete-account-goes-sessions = { $count ->
    [one] { $count } session, with its versions and comments
   *[other] { $count } sessions, with their versions and comments
}
delete-account-goes-items = { $count ->
    [one] { $count } private method or design
   *[other] { $count } private methods and designs
}
delete-account-goes-files = { $count ->
    [one] { $count } file
   *[other] { $count } files
}
delete-account-goes-team = The team “{ $name }”, which no one else is in, with everything in it
delete-account-goes-rest = Invitations to the address and emails waiting to be sent to it.
delete-account-stays = What stays
delete-account-stays-public = { $count ->
    [one] { $count } public method or design, without the author’s name (files attached to it go)
   *[other] { $count } public methods and designs, without the author’s name (files attached to them go)
}
delete-account-stays-comments = { $count ->
    [one] { $count } comment in others’ sessions, by “a former member”
   *[other] { $count } comments in others’ sessions, by “a former member”
}
delete-account-stays-edits = Changes made in others’ sessions, without the name.
delete-account-stays-team = The team “{ $name }” and what was made there stay with its members.
delete-account-stays-billing = Invoices the law requires us to keep.
delete-account-teams = Hand over your teams first
delete-account-teams-lead = You are the only admin of these teams. Make another member an admin (or remove the others) before you delete your account.
delete-account-shared = Sessions other people work on
delete-account-shared-lead = Hand each session over to one of its people on its sharing page (they become its owner), or tick the box below: the sessions are deleted and their people told.
delete-account-shared-people = { $count ->
    [one] { $count } other person
   *[other] { $count } other people
}
delete-account-confirm = Confirm
delete-account-password = Your password
delete-account-type = Type your email address
delete-account-type-hint = To confirm, type { $email }.
delete-account-delete-shared = { $count ->
    [one] Delete the session other people work on and tell them
   *[other] Delete the { $count } sessions other people work on and tell them
}
delete-account-button = Delete my account for good
delete-account-cancel = Keep my account
delete-account-hand-over-first = Hand over the teams above first; then this form appears.
notice-account-deleted = Your account has been deleted. Thank you for using Plenary.
field-error-mismatch = This is not what was asked for; type it exactly.
error-hand-over-team = You are the only admin of a team with other members: make one of them an admin first.
error-shared-sessions = Other people work on some of your sessions: hand them over first, or tick the box to delete them.
notification-session-deleted-with-owner = “{ $title }” was deleted with its owner’s account.
mail-session-deleted-subject = “{ $title }” has been deleted
mail-session-deleted-body = The session “{ $title }” was deleted with its owner’s account. You no longer have access to it.
admin-delete-title = Delete the account of { $name }
admin-delete-lead = Deletion on request (for example by email) has the same effect as when people delete their own account, and cannot be undone. They are signed out everywhere.
admin-delete-teams = Teams handed over
admin-delete-teams-lead = They are the only admin of these teams: each goes to its longest-standing member.
admin-delete-shared-lead = Other people work on these sessions: each goes to its longest-standing editor, who is told; one that others only view or comment on is deleted and its people told.
admin-delete-open = Delete…
admin-delete-type = Type the account’s email address
error-delete-self = Delete your own account from your account page.
notice-account-deleted-by-admin = The account has been deleted.
mail-inactive-subject = Your Plenary account will be deleted on { $date }
mail-inactive-body = You have not signed in to Plenary since { $last }. As the User Agreement says (3.9.1), an account unused for this long is deleted with everything private in it: yours will be deleted on { $date }.
mail-inactive-keep = To keep it, just sign in before then.
mail-inactive-sign-in = Sign in
notifications-public-activity = Tell me when an author whose methods I selected publishes something new
notification-author-published = { $name } published “{ $title }” in the public library.
mail-author-published-subject = { $name } published “{ $title }”
mail-author-published-body = { $name }, whose methods you selected, published “{ $title }” in Plenary’s public library.
mail-author-published-off = You can turn these notices off on your account page, under Email notifications.
mail-author-published-open = Open it
notification-session-handed-with-owner = “{ $title }” is yours now: its owner’s account was deleted.
mail-session-handed-subject = “{ $title }” is yours now
mail-session-handed-body = The owner of the session “{ $title }” no longer has an account, and you were its longest-standing editor: you are its owner now, and it is in your personal workspace.

## Legal documents
legal-title-terms = User Agreement
legal-title-privacy = Privacy Policy
legal-title-cookies = Cookie Policy
legal-title-consent = Consent to personal data processing
legal-version = Version { $number }
legal-status-upcoming = takes effect on { $date }
legal-status-in-force = in force since { $date }
legal-status-earlier = was in force from { $date }; since replaced
legal-upcoming = A new version takes effect on { $date }: read it and see what changes.
legal-read-current = Read the version in force
legal-what-changed = What changed
legal-all-versions = All versions, with what changed in each
legal-versions-title = { $document }: all versions
legal-operator-details = INN { $inn }, OGRN { $ogrn }, { $address }.
legal-banner-title = Changes to our documents
legal-banner-changes = The { $document } changes on { $date }.
legal-banner-changed = The { $document } changed on { $date }.
legal-banner-what-changes = What changes
legal-banner-what-changed = What changed
legal-banner-seen = Got it
legal-mail-subject = The { $document } changes on { $date }
legal-mail-intro = We have published a new version of the { $document }. It takes effect on { $date }.
legal-mail-changes = What changes:
legal-mail-outro = If you do not accept it, you can delete your account on the account page before { $date }. If you go on using Plenary from that day, you accept the new version.
legal-mail-read = Read the new version
field-accept-consent = I consent to the processing of my personal data
field-error-invalid-date = Enter a date as YYYY-MM-DD.
field-error-too-late = Choose a date within { $limit } days from today.
field-error-too-early = { $limit ->
    [one] Choose a date at least { $limit } day from today.
   *[other] Choose a date at least { $limit } days from today.
}
notice-legal-draft-saved = The draft is saved. Nobody sees it until it is published.
notice-legal-draft-deleted = The draft is deleted.
notice-legal-published = The new version is published: it is announced by email and with a banner, and takes effect on its date.
error-legal-scheduled = Another version of this document waits for its date. Publish this one after that date.
error-legal-published = This version is published already and cannot change.
legal-admin-title = Legal documents
legal-admin-intro = Each document is kept in versions. Write a new version as a draft, read it through, then publish it with the date it takes effect: everyone with a confirmed address is told by email, and signed-in people see a banner until they have read what changes.
legal-admin-accepted = { $count ->
    [one] accepted by { $count } person
   *[other] accepted by { $count } people
}
legal-admin-draft-saved = Draft, saved { $when }
legal-admin-write = Write a new version
legal-admin-new = New version: { $document }
legal-admin-draft = Draft: { $document }
legal-admin-back = All legal documents
legal-admin-changes = What changes
legal-admin-changes-hint = A short summary for the announcement email and the banner's page, in Markdown. Needed to publish.
legal-admin-changes-first = Optional for the first version of a document.
legal-admin-body = Text
legal-admin-body-hint = Markdown: ## for sections, blank lines between paragraphs, - for lists. The page shows the title.
legal-admin-save = Save draft
legal-admin-preview = As people will read it
legal-admin-publish = Publish
legal-admin-publish-text = Once published, a version never changes. It is announced at once and takes effect at the start of the day you choose (UTC).
legal-admin-effective-on = Takes effect on
legal-admin-publish-button = Publish and announce
legal-admin-delete = Delete draft

## Download my data
data-export-title = Your data
data-export-what = Download a copy of your data
data-export-holds-account = Your profile, workspaces, sign-ins, API tokens (without their secrets), the legal documents you accepted and your cookie choices.
data-export-holds-sessions = Every session you own, in Plenary's own format, which Import reads back.
data-export-holds-library = The methods and designs you wrote, and your comments.
data-export-holds-billing = The payments and invoices of the workspaces you own.
data-export-holds-files = The files you uploaded.
data-export-how = The copy is a ZIP file. Making it takes a moment; we email you when it is ready, and its link works for 7 days, only for you. You can ask for one copy a day.
data-export-ask = Prepare my data
data-export-next = You can ask for another copy after { $date }.
data-export-copies = Copies you asked for
data-export-asked = Requested on { $date }
data-export-state-running = Being prepared…
data-export-state-failed = Could not be made. You can ask again.
data-export-state-ready = Ready to download until { $date }
data-export-state-expired = Its link has expired.
data-export-back = Your data
data-export-running-title = Preparing your data
data-export-running = { $done } of { $total } parts done
data-export-waiting = Waiting to start…
data-export-leave = You can leave this page: we email you a link when the copy is ready.
data-export-failed-title = Your data could not be prepared
data-export-failed = Something went wrong while your copy was made. Nothing was lost; please ask for a copy again.
data-export-ready-title = Your data is ready
data-export-download = Download the ZIP ({ $size })
data-export-kept = The link works until { $date }, and only when you are signed in.
data-export-expired-title = This copy has expired
data-export-expired = Its link worked for 7 days and the file is deleted. You can ask for a new copy.
data-export-before-deleting = Download your data first.
data-export-mail-subject = Your data is ready to download
data-export-mail-body = The copy of your Plenary data you asked for is ready. Its link works until { $date }, and only when you are signed in.
data-export-mail-action = Download my data
data-export-readme = This is a copy of your data at Plenary.

    account.json: your profile, workspaces, sign-ins, API tokens (without their secrets), the legal documents you accepted and your cookie choices.
    avatar.png or avatar.jpg: your picture, if you set one.
    sessions/: every session you own, one JSON file each, in Plenary's format (Import on the home page reads it back).
    methods.json and designs.json: the methods and designs you wrote.
    comments.json: the comments you wrote, with the session each is on.
    billing.json: the payments, invoices, plan changes, saved card (its brand and last four digits) and invoice details of the workspaces you own.
    files/: the files you uploaded.

    In these JSON files times are in UTC (ISO 8601) and amounts in minor units (kopecks, cents); the sessions keep Plenary's own format, whose times are milliseconds since 1970.
error-data-export-daily = You asked for a copy of your data less than a day ago. You can ask again a day after that.

## Administration: people, blocking, restrictions and the audit log
error-account-blocked = This account is blocked by the service’s administrators. The email we sent says why; to object, answer it.
error-form-refused = This form came back faster than a person fills it in, or from a page opened a day ago or more. Check what you typed and send it again.
error-restricted-publish = An administrator has taken from this account the right to publish in the public library.
error-restricted-public-links = An administrator has taken from this account the right to make public links.
error-restricted-invite = An administrator has taken from this account the right to invite people.
error-already-blocked = This account is blocked already.
error-not-blocked = This account is not blocked.
error-administrator-unblockable = An administrator cannot be blocked. Make them an ordinary account first.
field-error-not-public-material = Give the address of the material on this service: a method or design in the public library, or the page of a session’s public link.
field-error-days = Enter a number of days from 1 to { $limit }, or leave it empty.
mail-blocked-subject = Your account on { $site } is blocked
mail-blocked-body = The administrators of { $site } have blocked your account: you cannot sign in, and the public links of your sessions do not work.
mail-blocked-contact = If you think this is a mistake, answer this email or write to { $email }.
mail-unblocked-subject = Your account on { $site } is unblocked
mail-unblocked-body = The administrators of { $site } have unblocked your account: you can sign in again.
mail-unblocked-contact = Questions? Answer this email or write to { $email }.
mail-restricted-subject = Some features of your account on { $site } are restricted
mail-restricted-body = The administrators of { $site } have restricted some features of your account.
mail-restricted-what = Restricted: { $what }.
mail-restricted-until = Until { $date }.
mail-restricted-contact = If you think this is a mistake, answer this email or write to { $email }.
mail-moderation-reason = Reason: { $reason }
mail-moderation-message = From the administrators: { $message }
restriction-publish = publishing in the public library
restriction-public-links = public links to sessions
restriction-invite = inviting people to sessions and teams
notice-account-blocked = The account is blocked, and the person has been told by email.
notice-account-unblocked = The account is unblocked, and the person has been told by email.
notice-account-restricted = The restriction is in force.
notice-restriction-lifted = The restriction is lifted.
notice-administrator-granted = The account is an administrator now.
notice-administrator-revoked = The account is no longer an administrator.
admin-blocked = Blocked
admin-person-back = ← All people
admin-person-unconfirmed = Address not confirmed
admin-person-blocked-since = Blocked since { $date }.
admin-person-facts = Account
admin-person-last-active = Last active
admin-person-never = Never
admin-person-made = Made
admin-person-sessions = { $count ->
    [one] { $count } session
   *[other] { $count } sessions
}
admin-person-methods = { $count ->
    [one] { $count } method
   *[other] { $count } methods
}
admin-person-designs = { $count ->
    [one] { $count } design
   *[other] { $count } designs
}
admin-person-public = In the public library
admin-person-withheld = { $count ->
    [one] { $count } withheld by an administrator
   *[other] { $count } withheld by an administrator
}
admin-person-personal = personal workspace
admin-block-title = Block
admin-block-lead = A blocked person cannot sign in; their logins and API tokens end at once, and the public links of their sessions answer “not found”. They are told by email, with the reason.
admin-block-admin = An administrator cannot be blocked. Make them an ordinary account first.
admin-block-hide = Also hide their methods and designs in the public library until they are unblocked
admin-block-submit = Block the account
admin-unblock-title = Unblock
admin-unblock-lead = They can sign in again, and what the block hid from the public library comes back. They are told by email.
admin-unblock-submit = Unblock the account
admin-restrict-title = Restrictions
admin-restrict-none = Nothing is restricted.
admin-restricted-until = until { $date }
admin-restricted-until-lifted = until lifted
admin-lift-submit = Lift
admin-restrict-lead = Take some features from this person for some days or until lifted. They are told by email when you write them a message.
admin-restrict-what = What to restrict
admin-restrict-days = For how many days
admin-restrict-days-hint = Leave empty to keep it until you lift it.
admin-restrict-submit = Restrict
admin-role-title = Administrator role
admin-role-grant-lead = An administrator sees this console and acts for the service.
admin-role-revoke-lead = Take the administrator role back; the last administrator keeps it.
admin-role-grant = Make an administrator
admin-role-revoke = Make an ordinary account
admin-person-logins = Signed in on
admin-person-no-logins = No active sign-ins.
admin-person-started-at = signed in { $date }
admin-person-last-seen-at = last seen { $date }
admin-person-created-at = since { $date }
admin-person-reports = Reports about what they made
admin-person-no-reports = No reports about their methods, designs or public links.
admin-person-report-open = Decide in the queue
admin-person-actions = Actions taken
admin-person-all-actions = All actions about this person in the audit log
admin-action-reason = Reason (kept in the audit log)
admin-reason-hint = Required. Administrators read it in the audit log; the person reads it in the email.
admin-message = Message to the person (optional)
admin-message-hint = Sent by email with the reason.
audit-title = Audit log
audit-lead = Every administrator’s action: who, what, to whom, why and when. No one can change or delete an entry.
audit-filter-action = Action
audit-filter-any = Any
audit-filter-by = Administrator’s email
audit-filter-subject = Done to (id)
audit-filter-subject-hint = An account’s, workspace’s or item’s id.
audit-filter-submit = Show
audit-empty = No actions recorded.
audit-older = Older entries
audit-unknown-actor = There is no account with that address.
audit-bad-subject = That is not an id.
audit-deleted-account = a deleted account ({ $id })
audit-command-line = the command line
audit-subject-method = method { $id }
audit-subject-template = design { $id }
audit-subject-workspace = workspace { $id }
audit-subject-payment = payment { $id }
audit-subject-invoice = invoice { $id }
audit-subject-legal = legal document version { $id }
audit-subject-newsletter = newsletter { $id }
audit-action-block = Blocked
audit-action-unblock = Unblocked
audit-action-restrict = Restricted
audit-action-lift-restriction = Lifted a restriction
audit-action-grant-admin = Made an administrator
audit-action-revoke-admin = Made an ordinary account
audit-action-delete-account = Deleted the account
audit-action-review-publication = Reviewed a publication
audit-action-grant-plan = Granted a plan
audit-action-refund = Refunded
audit-action-invoice-paid = Marked an invoice paid
audit-action-send-newsletter = Sent a newsletter
audit-action-publish-legal = Published a legal document
audit-detail-hide-content = public content hidden
audit-detail-approved = approved
audit-detail-rejected = rejected
audit-detail-withheld = { $count ->
    [one] { $count } public item withheld
   *[other] { $count } public items withheld
}
audit-detail-shown-again = { $count ->
    [one] { $count } public item shown again
   *[other] { $count } public items shown again
}
audit-detail-credentials-ended = { $count ->
    [one] { $count } sign-in or token ended
   *[other] { $count } sign-ins and tokens ended
}
audit-detail-kinds = { $what }
report-method = Report this method
report-design = Report this design
report-link = Report this page
report-back = ← Back to { $title }
report-lead = Tell the service’s administrators what is wrong. They read every report and answer by email.
report-category = What is wrong
report-category-illegal = Illegal content
report-category-harmful = Harmful or dangerous
report-category-harassment = Harassment or hate
report-category-spam = Spam or advertising
report-category-malware = Malware or phishing
report-category-copyright = Copyright infringement
report-category-other = Something else
report-body = What is wrong, in your words
report-body-hint = Where on the page, and why. At most 4,000 characters.
report-email-hint = We write to this address when an administrator has decided.
report-copyright-hint = Do you hold the rights to a work this copies? Send a copyright notice instead.
report-submit = Send the report
report-sent = Thank you. The administrators will read your report and tell you what they decide.
reports-title = Reports
reports-open = { $count ->
    [one] { $count } open report
   *[other] { $count } open reports
}
reports-empty = No reports.
report-kind-method = Method
report-kind-template = Design
report-kind-link = Public link
report-gone = (deleted)
report-deleted-account = a deleted account
report-signed-out = a visitor, { $email }
report-owner = Owner
report-reason-hint = Required, and kept in the audit log. Remove the content emails it to the owner and to the reporters; Dismiss, to the reporter.
admin-content-reason-hint = Required, and kept in the audit log. The owner reads it in the email.
report-remove = Remove the content
report-dismiss = Dismiss
report-outcome-open = Open, waiting for a decision
report-outcome-removed = Removed on { $date }: { $reason }
report-outcome-dismissed = Dismissed on { $date }: { $reason }
admin-content-title = Removed content
admin-content-remove-title = Remove a public method or design
admin-content-remove-lead = It leaves the public library at once; its author keeps it and is told, with the reason. It can be restored here for 30 days.
admin-content-address = Its address
admin-content-address-hint = Such as /library/methods/…, or the whole address from the browser.
admin-content-remove-submit = Remove from the public library
admin-content-bad-address = Paste the address of a method’s or a design’s page.
admin-content-not-public = This is not in the public library.
admin-content-removed = Removed in the last 30 days
admin-content-none = Nothing was removed in the last 30 days.
admin-content-removed-on = removed on { $date }
admin-content-restorable-until = can be restored until { $date }
admin-content-restore = Restore
notice-content-removed = The content is removed; its owner and reporters are told by email.
notice-content-restored = The content is back; its owner is told by email.
notice-report-dismissed = The report is dismissed; its reporter is told by email.
notice-counter-decided = That counter-notice was decided already; nothing more was done.
notice-removal-upheld = The material stays removed; its owner and the notice’s sender are told by email.
error-countered = This notice was answered with a counter-notice already.
error-report-resolved = This report is resolved already.
error-not-public = This is no longer public: its owner or another administrator took it down.
mail-moderation-contact = Questions? Answer this email or write to { $email }.
mail-removed-method-subject = Your method “{ $title }” is removed from the public library
mail-removed-method-body = The administrators removed your method “{ $title }” from the public library. It stays in your library.
mail-removed-design-subject = Your design “{ $title }” is removed from the public library
mail-removed-design-body = The administrators removed your design “{ $title }” from the public library. It stays in your library.
mail-removed-link-subject = The public link to “{ $title }” is disabled
mail-removed-link-body = The administrators disabled the public link to your session “{ $title }”: it answers “not found”. Your session is unchanged.
mail-restored-method-subject = Your method “{ $title }” is back in the public library
mail-restored-method-body = The administrators put your method “{ $title }” back in the public library.
mail-restored-design-subject = Your design “{ $title }” is back in the public library
mail-restored-design-body = The administrators put your design “{ $title }” back in the public library.
mail-restored-link-subject = The public link to “{ $title }” works again
mail-restored-link-body = The administrators enabled the public link to your session “{ $title }” again.
mail-report-actioned-subject = Your report about “{ $title }”: removed
mail-report-actioned-body = Thank you for your report about “{ $title }”. The administrators took it out of public view.
mail-report-dismissed-subject = Your report about “{ $title }”: no action
mail-report-dismissed-body = Thank you for your report about “{ $title }”. The administrators read it and decided not to remove it.
audit-action-remove-content = Removed content
audit-action-restore-content = Restored content
audit-action-dismiss-report = Dismissed a report
audit-action-uphold-removal = Kept material removed after a counter-notice
audit-subject-link = public link { $id }
audit-subject-report = report { $id }
audit-detail-reports = { $count ->
    [one] { $count } report resolved
   *[other] { $count } reports resolved
}
error-last-administrator = The service needs at least one administrator: make someone else an administrator first.
error-blocked-account = A blocked account cannot be made an administrator. Unblock it first.
audit-detail-invitations-withdrawn = { $count ->
    [one] { $count } invitation withdrawn
   *[other] { $count } invitations withdrawn
}
error-links-removed = The administrators disabled this session’s public links: no new one can be made for it.
error-not-restorable = This can no longer be restored: its 30 days are over, it is back already, or its author withdrew it.

## Copyright notices and counter-notices (User Agreement 4.10)
copyright-title = Copyright notice
copyright-footer = Copyright notice
copyright-lead = If material on Plenary uses your work without permission, tell us here. We may remove it, and we tell its owner, who sees your name and what you write about the work and may answer with a counter-notice. Every field is required.
copyright-material = Address of the material on Plenary
copyright-material-hint = The page of a method or design in the public library, or of a session’s public link, e.g. { "https://…/library/methods/…" }
copyright-work = The work and its copyright details
copyright-work-hint = What the work is, where it was published, who holds the rights and what on Plenary copies it. At most 4,000 characters.
copyright-sender = Who sends this notice
copyright-name = Full name
copyright-good-faith = I believe in good faith that this use of the material is not authorised by the rights holder, their agent or the law.
copyright-accurate = The information in this notice is accurate, and I hold the rights or may act for who holds them.
copyright-submit = Send the notice
copyright-sent = Thank you. The administrators will look at your notice and write to you at the address you gave.
counter-title = Counter-notice
counter-notice-about = The notice about “{ $title }”
counter-notice-from = Sent by
counter-notice-sent = Sent on
counter-notice-removed = What was done
counter-lead = If you believe the material was removed by mistake or misidentification, say why. The sender of the notice receives your name, contact details and statement; an administrator then decides whether to restore it. Every field is required.
counter-statement = Why the removal is a mistake
counter-statement-hint = For example: you hold the rights, you have a licence, or the material is not the work named. At most 4,000 characters.
counter-good-faith = I believe in good faith that the material was removed by mistake or misidentification.
counter-disclose = My name, contact details and statement may be given to the sender of the notice.
counter-submit = Send the counter-notice
counter-waiting = Your counter-notice was sent on { $date }. An administrator will decide and write to you.
counter-restored = Restored on { $date }: { $reason }
counter-upheld = Kept removed on { $date }: { $reason }
mail-counter-invite = If you believe this was removed by mistake or misidentification, you may answer with a counter-notice: { $link }
mail-counter-filed-subject = A counter-notice about “{ $title }”
mail-counter-filed-body = The owner of “{ $title }”, removed after your copyright notice, answered with a counter-notice. An administrator will decide whether to restore it, and we will write to you.
mail-counter-filed-from = From: { $name }, { $email }, { $phone }
mail-counter-filed-statement = Their statement: { $statement }
mail-counter-restored-subject = “{ $title }” is back after your counter-notice
mail-counter-restored-body = The administrators restored “{ $title }” after your counter-notice.
mail-counter-upheld-subject = “{ $title }” stays removed
mail-counter-upheld-body = The administrators read your counter-notice about “{ $title }” and keep it removed.
mail-notice-restored-subject = “{ $title }” was restored after a counter-notice
mail-notice-restored-body = The administrators restored “{ $title }”, which your copyright notice had removed, after its owner’s counter-notice.
mail-notice-upheld-subject = “{ $title }” stays removed
mail-notice-upheld-body = The administrators read the counter-notice about “{ $title }” and keep it removed after your copyright notice.
report-notice = Copyright notice
report-notice-material = Material
report-notice-sender = Sender
report-notice-stated = Statements made { $date }
counters-title = Counter-notices waiting
counters-lead = The owner of removed material answered a copyright notice. Restore the material, or keep it removed; both sides are told, with your reason.
counter-from = From { $name }, { $email }, { $phone }, on { $date }
counter-restore = Restore the material
counter-uphold = Keep it removed
counter-reason-hint = Required, and kept in the audit log; the owner and the notice’s sender read it.
field-phone = Phone
