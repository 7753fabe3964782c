from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "livingwell.plans"
    label = "plans"
    verbose_name = "Plans"
