"""The development mail backend: var/mail/ holds one .eml file per message
and nothing else."""

from email import message_from_bytes, policy

from django.core.mail import EmailMessage

from newsroom.eml_backend import EmlFileBackend


def test_a_batch_sent_on_one_connection_leaves_only_messages(tmp_path):
    """Issue 11: sending a newsletter (one open connection for the batch) left
    an empty .log file beside the messages."""
    connection = EmlFileBackend(file_path=str(tmp_path))
    with connection:
        sent = connection.send_messages(
            [
                EmailMessage("Daily briefing", "Today's news.", to=[f"r{n}@example.org"])
                for n in range(2)
            ]
        )
    connection.send_messages([EmailMessage("Confirm", "Click.", to=["c@example.org"])])
    assert sent == 2
    files = sorted(tmp_path.iterdir())
    assert [path.suffix for path in files] == [".eml"] * 3, files
    subjects = {message_from_bytes(p.read_bytes(), policy=policy.default)["Subject"] for p in files}
    assert subjects == {"Daily briefing", "Confirm"}
