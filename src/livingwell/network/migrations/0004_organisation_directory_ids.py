"""Each organisation already held gets its own directory id (a UUID), then the ids are made unique:
Django's three steps for a unique field added to a table with rows. (Adding the field gave every row
the same one default, so every row is given its own here.)"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import migrations, models


def give_ids(apps: Any, schema_editor: Any) -> None:
    Organisation = apps.get_model("network", "Organisation")
    for organisation in Organisation.objects.all():
        organisation.directory_id = uuid.uuid4()
        organisation.save(update_fields=["directory_id"])


class Migration(migrations.Migration):
    dependencies = [("network", "0003_directory")]

    operations = [
        migrations.RunPython(give_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organisation",
            name="directory_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
