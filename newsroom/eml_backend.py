"""An email backend for development: one .eml file per message in var/mail/,
which any mail program opens with links intact (Django's file backend appends
raw, quoted-printable messages to a .log file)."""

import re
import uuid
from datetime import datetime
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend


class EmlFileBackend(EmailBackend):
    # The file backend opens a connection by creating the .log file it appends
    # to; each message here is its own file, so opening (as a newsletter send
    # does, once for the batch) must leave no empty .log behind (issue 11).
    def open(self):
        return False

    def close(self):
        pass

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            recipient = re.sub(r"[^A-Za-z0-9@._-]", "_", ",".join(message.to))[:60]
            path = Path(self.file_path) / f"{stamp}-{recipient}-{uuid.uuid4().hex[:8]}.eml"
            path.write_bytes(message.message().as_bytes())
            sent += 1
        return sent
