"""A rule, boundary, category or agency changed: every process rebuilds what it keeps of them
(motcua/stamps.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from fieldreports import routing
from fieldreports.models import Boundary, Category, RoutingRule
from motcua import stamps
from units.models import Agency


@receiver([post_save, post_delete], sender=RoutingRule)
@receiver([post_save, post_delete], sender=Boundary)
@receiver([post_save, post_delete], sender=Category)
@receiver([post_save, post_delete], sender=Agency)  # a deactivated unit takes no more reports
def _routing_changed(sender, **kwargs):
    routing.invalidate()


@receiver([post_save, post_delete], sender=Agency)
def _agency_changed(sender, **kwargs):
    from fieldreports.permissions import AGENCIES_STAMP

    stamps.bump(AGENCIES_STAMP)
