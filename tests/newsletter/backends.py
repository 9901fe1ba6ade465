"""E-mail backends that fail on purpose, to show that sending survives faults."""

from django.core.mail.backends.locmem import EmailBackend


class WorkerCrash(BaseException):
    """Like a killed worker: not an Exception, so nothing catches it."""


class CrashingBackend(EmailBackend):
    """Delivers ``crash_after`` messages, then the worker 'dies' mid-send."""

    crash_after = 0
    sent = 0

    def send_messages(self, messages):
        if CrashingBackend.sent >= CrashingBackend.crash_after:
            raise WorkerCrash
        CrashingBackend.sent += len(messages)
        return super().send_messages(messages)


class RefusingBackend(EmailBackend):
    """The mail server refuses one address every time."""

    refused = "refused@example.org"

    def send_messages(self, messages):
        for message in messages:
            if self.refused in message.to:
                raise ConnectionError("550 mailbox unavailable")
        return super().send_messages(messages)


class UnreachableBackend(EmailBackend):
    """The mail server cannot be reached: opening the connection fails."""

    def open(self):
        raise ConnectionRefusedError("[Errno 111] Connection refused")


class RefuseFirstBackend(EmailBackend):
    """A temporary refusal (451) of the first message, then everything goes through."""

    refused = []

    def send_messages(self, messages):
        if not RefuseFirstBackend.refused:
            RefuseFirstBackend.refused.append(messages[0].to[0])
            raise ConnectionError("451 try again later")
        return super().send_messages(messages)
