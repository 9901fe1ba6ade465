"""Generated comments for benchmarks and scale tests (`manage.py
generate_load_data`): threads concentrated on the most recent stories, with
replies (some from the newsroom) two levels deep, a share awaiting moderation
or caught as spam, and IP addresses kept only as long as the retention rule
keeps them. The articles' comment counts are recounted at the end.

Generated readers write from addresses under newsroom.loaddata.GENERATED_DOMAIN:
that is how a second run finds them.
"""

from datetime import timedelta

from django.conf import settings

from articles.models import Article
from newsroom.loaddata import GENERATED_DOMAIN, app_random, bulk_insert, refuse_twice, seeded_uuid

from .models import Comment
from .services import refresh_comment_counts

FIRST = ["Aysel", "Rauf", "Sevda", "Tural", "Nargiz", "Elchin", "Zahra", "Javid", "Ulviyya"]
LAST = ["M.", "K.", "Aliyev", "Hasanli", "Q.", "Babayeva", "Rustamov", "S."]
OPENINGS = [
    "Finally some good news.", "I am not convinced.", "Thank you for reporting this.",
    "This has been promised before.", "Good article, but one thing is missing.",
    "My neighbours talk about nothing else.", "Who is going to pay for it?",
    "As someone who lives there, I can confirm this.",
]  # fmt: skip
MIDDLES = [
    "The buses in our district are still full by seven in the morning.",
    "Last winter the road was closed for three weeks and nobody explained why.",
    "The council should publish the contracts, not only the totals.",
    "My daughter's school waited two years for the same repairs.",
    "Prices at the market have gone up again this month.",
    "The old plan was better and cheaper.",
    "Let us see whether the work really starts on time.",
    "It would help to hear from the farmers themselves.",
]
CLOSINGS = [
    "Please keep following this story.", "Does anyone know when the hearing is?",
    "We will see.", "", "Well done to the volunteers.", "Write about the villages too!",
]  # fmt: skip
REPLIES = [
    "I agree with you completely.", "That is not what the article says.",
    "Same here, we waited for months.", "Do you have a source for that?",
    "The hearing is on the council's website.", "Thanks, I did not know that.",
]  # fmt: skip
NEWSROOM_REPLIES = [
    "Thank you: we have asked the council and will update the article.",
    "Good question. We are following this up for next week's edition.",
]
SPAM = "Cheap loans, no questions asked: http://loans.{domain}/ and http://win.{domain}/"
AGENTS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/140.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) Safari/605.1.15",
    "Mozilla/5.0 (Linux; Android 15) Chrome/139.0 Mobile Safari/537.36",
]
# (status, weight) of a thread's first comment: most approved, some held.
TOP_STATUSES = [Comment.Status.APPROVED, Comment.Status.PENDING, Comment.Status.SPAM]
TOP_WEIGHTS = [86, 9, 5]


def generate(*, now, seed: int, append: bool, batch_size: int, count: int) -> str:
    generated = Comment.objects.filter(email__endswith=GENERATED_DOMAIN)
    refuse_twice(present=generated.exists(), what="comments", append=append)
    if count == 0:
        return "no comments asked for"
    # Newest first: a thread's story is drawn nearer the top of this list.
    targets = list(
        Article.objects.published()
        .filter(comments_enabled=True)
        .order_by("-published_at", "-pk")
        .values_list("pk", "published_at")
    )
    if not targets:
        return "no published articles to comment on, no comments added"
    start = generated.count() + 1
    maker = Maker(app_random(seed, "comments", start), now=now, number=start)
    made = 0
    while made < count:
        tops, replies, deeper = maker.threads(targets, min(batch_size, count - made))
        for level in (tops, replies, deeper):
            made += bulk_insert(Comment, level, batch_size=batch_size)
    touched = Article.objects.filter(pk__in=generated.values("article_id"))
    recounted = refresh_comment_counts(articles=touched)
    return f"{made} comments, counts recounted on {recounted} articles"


class Maker:
    """Writes comments one thread at a time, numbering their authors."""

    def __init__(self, rng, *, now, number: int):
        self.rng, self.now, self.number = rng, now, number
        self.retention = timedelta(days=settings.COMMENTS_IP_RETENTION_DAYS)

    def threads(self, targets, budget: int):
        """Up to `budget` comments in threads: (first comments, replies, replies to replies)."""
        rng = self.rng
        tops, replies, deeper = [], [], []
        while budget > 0:
            # Squaring a uniform draw favours the start: the newest stories.
            pk, published_at = targets[int(len(targets) * rng.random() ** 2)]
            status = rng.choices(TOP_STATUSES, weights=TOP_WEIGHTS)[0]
            top = self.comment(pk, None, status, self.after(published_at, hours=8))
            tops.append(top)
            budget -= 1
            if status != Comment.Status.APPROVED:
                continue
            wanted = min(budget, rng.choices([0, 1, 2, 3, 6], weights=[50, 22, 13, 9, 6])[0])
            level = []
            for _ in range(wanted):
                parent = rng.choice(level) if level and rng.random() < 0.3 else top
                reply = self.comment(pk, parent, None, self.after(parent.created_at, hours=2))
                (replies if parent is top else deeper).append(reply)
                if parent is top:
                    level.append(reply)
            budget -= wanted
        return tops, replies, deeper

    def after(self, moment, *, hours: float):
        """A while after `moment` (most answers come soon), never in the future."""
        delay = timedelta(hours=self.rng.expovariate(1 / hours))
        return min(self.now, moment + delay).replace(microsecond=0)

    def comment(self, article_id, parent, status, created_at) -> Comment:
        rng, number = self.rng, self.number
        self.number += 1
        newsroom = parent is not None and rng.random() < 0.05
        if parent is not None:
            status = Comment.Status.APPROVED if rng.random() < 0.95 else Comment.Status.PENDING
            body = rng.choice(NEWSROOM_REPLIES if newsroom else REPLIES)
        elif status == Comment.Status.SPAM:
            body = SPAM.format(domain=GENERATED_DOMAIN)
        else:
            body = " ".join(
                part
                for part in (rng.choice(OPENINGS), rng.choice(MIDDLES), rng.choice(CLOSINGS))
                if part
            )
        name = settings.SITE_NAME if newsroom else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        email = "" if newsroom else f"reader{number}@{GENERATED_DOMAIN}"
        recent = self.now - created_at < self.retention
        return Comment(
            article_id=article_id,
            parent=parent,
            # What Comment.save() fills in, and bulk inserts skip: the top of the
            # conversation, by which a page of threads fetches its replies.
            thread=None if parent is None else (parent.thread or parent),
            depth=parent.depth + 1 if parent else 0,
            name=name,
            email=email,
            body=body,
            status=status,
            created_at=created_at,
            ip=f"198.51.100.{number % 250 + 1}" if recent and not newsroom else None,
            user_agent=rng.choice(AGENTS) if recent and not newsroom else "",
            is_newsroom=newsroom,
            link_count=body.count("http"),
            spam_score=0.97 if status == Comment.Status.SPAM else rng.random() * 0.3,
            held_because="first comment" if status == Comment.Status.PENDING else "",
            # The number keeps two readers' identical words apart (one per article).
            fingerprint=Comment.make_fingerprint(email=email or f"newsroom{number}", body=body),
            key=seeded_uuid(rng),
        )
