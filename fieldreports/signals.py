"""Clear the cached router as soon as a rule, boundary or category changes in this process."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from fieldreports import routing
from fieldreports.models import Boundary, Category, RoutingRule


@receiver([post_save, post_delete], sender=RoutingRule)
@receiver([post_save, post_delete], sender=Boundary)
@receiver([post_save, post_delete], sender=Category)
def _routing_changed(sender, **kwargs):
    routing.invalidate()
