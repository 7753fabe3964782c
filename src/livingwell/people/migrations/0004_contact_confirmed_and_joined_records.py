"""Contact details are confirmed only where the team typed them; NHS numbers are unique within a team.

A record with an introduction from the website may hold details anyone typed (before this, a match at
the front door filled blank details by itself), so its details start unconfirmed: the team checks them
before an invitation is sent. Every other record's details were typed by the team, and stay usable.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def confirm_what_the_team_typed(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    Introduction = apps.get_model("frontdoor", "Introduction")
    from_the_web = Introduction.objects.filter(channel="web").values("person_id")
    typed_by_the_team = Person.objects.exclude(pk__in=from_the_web)
    typed_by_the_team.exclude(phone="").update(phone_confirmed=True)
    typed_by_the_team.exclude(email="").update(email_confirmed=True)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_sharing_each_part_of_life"),
        ("team", "0001_initial"),
        ("frontdoor", "0002_introduction_matched_by"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="person",
            name="person_nhs_number_unique",
        ),
        migrations.AddField(
            model_name="person",
            name="email_confirmed",
            field=models.BooleanField(db_default=False, default=False),
        ),
        migrations.AddField(
            model_name="person",
            name="joined_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="person",
            name="joined_into",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="people.person",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="phone_confirmed",
            field=models.BooleanField(db_default=False, default=False),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(
                condition=models.Q(("nhs_number", ""), _negated=True),
                fields=("team", "nhs_number"),
                name="person_nhs_number_unique_in_team",
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("joined_at__isnull", True), ("joined_into__isnull", True)),
                    models.Q(("joined_at__isnull", False), ("joined_into__isnull", False)),
                    _connector="OR",
                ),
                name="person_joined_into_has_a_date",
            ),
        ),
        migrations.RunPython(confirm_what_the_team_typed, migrations.RunPython.noop),
    ]
