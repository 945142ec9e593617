"""Vietnamese number formats for templates: 75000 -> "75.000"."""

from django import template

from motcua.formats import group_thousands

register = template.Library()


@register.filter
def vnd(value) -> str:
    """An amount in đồng with dots between thousands (Django's vi locale does not group)."""
    try:
        return group_thousands(value)
    except (TypeError, ValueError):
        return ""


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template ({{ kinds|get_item:c.pk }}), None when absent."""
    return mapping.get(key) if hasattr(mapping, "get") else None
