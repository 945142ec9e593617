from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = "Danh mục thủ tục hành chính"

    def ready(self):
        import catalogue.search.lexicon  # noqa: F401  (its signal receivers)
