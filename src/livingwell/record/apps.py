from django.apps import AppConfig


class RecordConfig(AppConfig):
    name = "livingwell.record"
    label = "record"
    default_auto_field = "django.db.models.BigAutoField"
