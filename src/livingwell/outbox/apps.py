from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "livingwell.outbox"
    label = "outbox"
    verbose_name = "Messages"
    default_auto_field = "django.db.models.BigAutoField"
