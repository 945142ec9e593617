from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = "Quy trình và tác vụ nền"

    def ready(self):
        from workflow import checkpoints  # noqa: F401  (the periodic audit checkpoint)
