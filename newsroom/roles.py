"""The newsroom's roles: the names of the groups a data migration creates and
the code refers to (who is e-mailed about comments, who may do what).

The data migrations import them too: a role is renamed by a new migration
that renames the group, never by editing this file alone.
"""

REPORTER = "Reporter"
EDITOR = "Editor"
CHIEF_EDITOR = "Chief editor"
NEWSLETTER_MANAGER = "Newsletter manager"

ALL = [REPORTER, EDITOR, CHIEF_EDITOR, NEWSLETTER_MANAGER]
# The roles that work on articles and moderate comments.
DESK = [REPORTER, EDITOR, CHIEF_EDITOR]
MODERATORS = [EDITOR, CHIEF_EDITOR]
