from django.db import migrations, models
from django.db.models import F


def number_in_current_order(apps, schema_editor):
    """Existing issues keep the order their emails had: newest article first."""
    IssueArticle = apps.get_model("newsletter", "IssueArticle")
    links = IssueArticle.objects.order_by(
        "issue_id", F("article__published_at").desc(nulls_last=True), "-article_id"
    )
    issue_id, position, changed = None, 0, []
    for link in links.only("pk", "issue_id"):
        position = position + 1 if link.issue_id == issue_id else 1
        issue_id = link.issue_id
        link.position = position
        changed.append(link)
    IssueArticle.objects.bulk_update(changed, ["position"], batch_size=500)


class Migration(migrations.Migration):
    """The issue–article link becomes a model of its own with a position, so an
    issue keeps the order its editor chose (issue 11). The link table stays
    where it is: the model takes over the many-to-many table and its rows."""

    dependencies = [
        ("articles", "0014_scheduled_expiry_index"),
        ("newsletter", "0006_delivery_queue_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IssueArticle",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "issue",
                            models.ForeignKey(
                                on_delete=models.deletion.CASCADE,
                                related_name="article_links",
                                to="newsletter.issue",
                            ),
                        ),
                        (
                            "article",
                            models.ForeignKey(
                                on_delete=models.deletion.CASCADE,
                                related_name="+",
                                to="articles.article",
                                verbose_name="article",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "newsletter_issue_articles",
                        "unique_together": {("issue", "article")},
                    },
                ),
                migrations.AlterField(
                    model_name="issue",
                    name="articles",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="Leave empty to include the latest articles since the last issue.",
                        related_name="+",
                        through="newsletter.IssueArticle",
                        to="articles.article",
                        verbose_name="articles",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="issuearticle",
            name="position",
            field=models.PositiveIntegerField(default=0, verbose_name="position"),
        ),
        migrations.RunPython(number_in_current_order, migrations.RunPython.noop),
        migrations.AlterUniqueTogether(name="issuearticle", unique_together=set()),
        migrations.AddConstraint(
            model_name="issuearticle",
            constraint=models.UniqueConstraint(
                fields=("issue", "article"), name="issue_article_once"
            ),
        ),
        migrations.AlterModelOptions(
            name="issuearticle",
            options={
                "ordering": ["position", "pk"],
                "verbose_name": "article in the issue",
                "verbose_name_plural": "articles in the issue",
            },
        ),
    ]
