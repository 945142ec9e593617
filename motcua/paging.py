"""Pagination that stays cheap on large tables: the count stops at a limit.

A public list over hundreds of thousands of rows spent more time counting every match for
"page 1 of N" than reading the page itself. Past `limit` the exact number helps nobody, so
`CappedPaginator` counts at most `limit` rows and says whether there were more.
"""

from __future__ import annotations

from functools import cached_property

from django.core.paginator import Paginator

COUNT_LIMIT = 1_000


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, limit: int = COUNT_LIMIT, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.limit = limit

    @cached_property
    def _capped(self) -> int:
        return self.object_list.order_by()[: self.limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._capped, self.limit)

    @property
    def capped(self) -> bool:
        """More rows match than `count` says."""
        return self._capped > self.limit
