"""The newsroom's roles: the names of the groups a data migration creates and
the code refers to (who is e-mailed about comments, who may do what).

The data migrations import them too: a role is renamed by a new migration
that renames the group, never by editing this file alone.
"""

from django.utils.translation import gettext_lazy as _

REPORTER = "Reporter"
EDITOR = "Editor"
CHIEF_EDITOR = "Chief editor"
NEWSLETTER_MANAGER = "Newsletter manager"

ALL = [REPORTER, EDITOR, CHIEF_EDITOR, NEWSLETTER_MANAGER]
# The roles that work on articles and moderate comments.
DESK = [REPORTER, EDITOR, CHIEF_EDITOR]
MODERATORS = [EDITOR, CHIEF_EDITOR]

# What each role gives, said plainly: the user's page shows it and the README's
# table says the same (issue 11). Lazy, as migrations import this module.
GIVES = {
    REPORTER: _(
        "writes articles, edits their own drafts and submits them for review, "
        "adds internal notes, and keeps their own byline (author profile)"
    ),
    EDITOR: _(
        "edits any article, sends it back with a note, publishes, schedules and "
        "corrects; moderates comments; edits any author profile"
    ),
    CHIEF_EDITOR: _(
        "everything an editor does, plus sections, newsletters, people and their "
        "roles, security settings and the site-wide audit trail"
    ),
    NEWSLETTER_MANAGER: _(
        "subscribers, lists and newsletter issues; sees published articles to pick them"
    ),
}
