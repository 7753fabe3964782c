from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "livingwell.frontdoor"
    label = "frontdoor"
    default_auto_field = "django.db.models.BigAutoField"
