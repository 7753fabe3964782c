from django.apps import AppConfig


class WarmIntroductionsConfig(AppConfig):
    name = "livingwell.warm_introductions"
    label = "warm_introductions"
    verbose_name = "Warm introductions"
