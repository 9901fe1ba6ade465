"""A local spam filter that learns from the moderators (no outside service).

Naive Bayes over the set of features of a comment: its words, the domains it
links to, its commenter's name and website, and how many links it has. Each
moderator decision ("spam", "approve"/"not spam") is one training document;
changing one's mind moves the document from one side to the other.
"""

import math
import re
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest

from .models import SpamToken

DOCUMENTS = "~documents"  # the row counting training documents (no feature has a "~")
# Below this many examples of each kind the filter gives a score but decides nothing.
MIN_DOCUMENTS = 5
URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
WORD = re.compile(r"\w{2,30}", re.UNICODE)


def count_links(text: str) -> int:
    return len(URL.findall(text))


def features(*, body: str, name: str = "", url: str = "", email: str = "") -> set[str]:
    found = {word.lower() for word in WORD.findall(URL.sub(" ", body))}
    for link in URL.findall(body) + ([url] if url else []):
        host = (urlsplit(link).hostname or "").lower()
        if host:
            found.add(f"domain:{host}")
    found.update(f"name:{word.lower()}" for word in WORD.findall(name))
    if url:
        found.add("has:website")
    if email:
        found.add(f"emaildomain:{email.rpartition('@')[2].lower()}")
    links = count_links(body)
    found.add(f"links:{min(links, 5)}")
    return {feature[:64] for feature in found}


def score(feature_set: set[str]) -> float | None:
    """Probability that a comment with these features is spam; None untrained."""
    rows = {row.token: row for row in SpamToken.objects.filter(token__in=[*feature_set, DOCUMENTS])}
    documents = rows.pop(DOCUMENTS, None)
    if documents is None or not documents.spam or not documents.ham:
        return None
    log_odds = math.log(documents.spam / documents.ham)
    for row in rows.values():
        # Laplace-smoothed P(feature | class); features never seen carry no evidence.
        p_spam = (row.spam + 1) / (documents.spam + 2)
        p_ham = (row.ham + 1) / (documents.ham + 2)
        log_odds += math.log(p_spam / p_ham)
    log_odds = max(min(log_odds, 50), -50)
    return 1 / (1 + math.exp(-log_odds))


def is_trained() -> bool:
    documents = SpamToken.objects.filter(token=DOCUMENTS).first()
    return bool(documents and min(documents.spam, documents.ham) >= MIN_DOCUMENTS)


@transaction.atomic
def learn(feature_set: set[str], *, spam: bool, forget: str = "") -> None:
    """Count one document as spam or ham; ``forget`` ("spam"/"ham") undoes an earlier lesson."""
    tokens = [*feature_set, DOCUMENTS]
    SpamToken.objects.bulk_create(
        [SpamToken(token=token) for token in tokens], ignore_conflicts=True
    )
    rows = SpamToken.objects.filter(token__in=tokens)
    if forget:
        rows.update(**{forget: Greatest(F(forget) - 1, 0)})
    column = "spam" if spam else "ham"
    rows.update(**{column: F(column) + 1})
