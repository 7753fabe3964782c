from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "livingwell.measures"
    label = "measures"
    verbose_name = "Measures"
