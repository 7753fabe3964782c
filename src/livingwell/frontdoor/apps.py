from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "livingwell.frontdoor"
    label = "frontdoor"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from livingwell.frontdoor.services import close_when_landed
        from livingwell.warm_introductions.services import landed

        landed.connect(close_when_landed, dispatch_uid="frontdoor-closes-when-landed")
