from django.apps import AppConfig


class MotcuaConfig(AppConfig):
    name = "motcua"
    verbose_name = "motcua"
