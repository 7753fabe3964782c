"""Each part of life is shared on its own.

The choice "plan" ("What matters to me, my strengths and what helps") also showed every part of life,
safety and alcohol and drugs included. It becomes the two choices its words named, "what-matters" and
"what-helps", and nothing more: no existing choice widens. "goals" keeps its key, but no longer shows
goals about mental health, safety, or alcohol and drugs. Every choice that held either is marked for the
person to check, with what it was before in their words.

The mapping is written out here, not imported, so this migration means the same thing forever.
"""

from django.db import migrations, models

EARLIER = {"plan": ("what-matters", "what-helps")}
ORDER = [
    "about",
    "what-matters",
    "what-helps",
    "goals",
    "crisis",
    "circle",
    "team",
]
REVIEW = {
    "plan": "What matters to me, my strengths and what helps",
    "goals": "My goals",
}


def split(apps, schema_editor):
    SharingChoice = apps.get_model("people", "SharingChoice")
    for choice in SharingChoice.objects.filter(parts__isnull=False).iterator():
        before = list(choice.parts)
        if not any(part in REVIEW for part in before):
            continue
        keys = set()
        for part in before:
            keys.update(EARLIER.get(part, (part,)))
        choice.parts = [key for key in ORDER if key in keys]
        named = [REVIEW[part] for part in before if part in REVIEW]
        choice.review_note = (
            "You can now choose each part of your plan and each part of your life on its own. "
            "You shared: " + "; ".join(f"“{label}”" for label in named) + ". "
            "We kept only what those words said. Your life (like housing, safety, or alcohol and "
            "drugs) is not shared unless you choose it."
        )
        choice.save(update_fields=["parts", "review_note"])


def join(apps, schema_editor):
    """Going back, "plan" would show every part of life again, which nobody chose here: it is left out,
    so nothing widens either way."""
    SharingChoice = apps.get_model("people", "SharingChoice")
    for choice in SharingChoice.objects.iterator():
        choice.parts = [p for p in choice.parts if p in {"about", "goals", "crisis", "circle"}]
        choice.save(update_fields=["parts"])


class Migration(migrations.Migration):
    dependencies = [("people", "0002_circle_sharing_accounts")]

    operations = [
        migrations.AddField(
            model_name="sharingchoice",
            name="review_note",
            field=models.TextField(blank=True, db_default="", max_length=1000),
        ),
        migrations.RunPython(split, join),
    ]
