"""Admin of the search's data: synonyms ("Từ đồng nghĩa") and the log of searches that did not
help ("Tìm kiếm không thành công"), where a miss becomes a synonym in one click (docs/search.md).

Both are province-wide: whoever maintains procedures ("catalogue.edit" in any agency) maintains
the words citizens use to find them.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html

from accounts.admin_site import PolicyAdminMixin
from catalogue.models import SearchMiss, Synonym
from catalogue.search import search
from catalogue.search.lexicon import current_lexicon
from catalogue.search.suggest import candidates
from catalogue.services import current_versions

EDIT = "catalogue.edit"


@admin.register(Synonym)
class SynonymAdmin(PolicyAdminMixin, admin.ModelAdmin):
    view_action = change_action = add_action = delete_action = EDIT
    agency_lookup = None
    list_display = ("everyday", "official", "two_way", "created_at")
    list_filter = ("two_way",)
    search_fields = ("everyday", "official", "everyday_key", "official_key")
    fields = ("everyday", "official", "two_way")


@admin.register(SearchMiss)
class SearchMissAdmin(PolicyAdminMixin, admin.ModelAdmin):
    view_action = delete_action = EDIT
    change_action = add_action = None  # written by the search only
    agency_lookup = None
    list_display = ("query", "no_results", "abandoned", "last_seen", "add_synonym")
    search_fields = ("query", "key")
    date_hierarchy = "last_seen"
    list_per_page = 25

    @admin.display(description="thêm làm từ đồng nghĩa")
    def add_synonym(self, miss):
        """One click on the closest wording the catalogue knows; a link to choose another."""
        other = reverse("admin:catalogue_synonym_add") + "?" + urlencode({"everyday": miss.query})
        target = self._target(miss.query)
        button = format_html(
            '<button type="submit" class="button" formaction="{}" name="official" value="{}">'
            "Thêm làm từ đồng nghĩa của «{}»</button> ",
            reverse("admin:catalogue_searchmiss_synonym", args=[miss.pk]), target, target) if target else ""
        return format_html('{}<a href="{}">Chọn thuật ngữ khác…</a>', button, other)

    @staticmethod
    def _target(query: str) -> str | None:
        """What the catalogue calls what was typed: the query respelled, else the closest name
        that finds something."""
        versions = current_versions()
        for candidate in candidates(query, current_lexicon()):
            if search(versions, candidate, limit=1, suggest=False):
                return candidate
        return None

    def get_urls(self):
        return [path("<int:pk>/them-tu-dong-nghia/", self.admin_site.admin_view(self.synonym_view),
                     name="catalogue_searchmiss_synonym"), *super().get_urls()]

    @staticmethod
    def _changelist() -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:catalogue_searchmiss_changelist"))

    def synonym_view(self, request, pk: int):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.admin_site._registry[Synonym].has_add_permission(request):
            raise PermissionDenied
        miss = get_object_or_404(SearchMiss, pk=pk)
        synonym = Synonym(everyday=miss.query, official=request.POST.get("official", "")[:500])
        try:
            synonym.full_clean()
        except ValidationError as exc:
            messages.error(request, f"Không thêm được từ đồng nghĩa cho «{miss.query}»: {' '.join(exc.messages)}")
            return self._changelist()
        synonym.save()
        miss.delete()
        messages.success(request, f"Đã thêm: tìm «{synonym.everyday}» sẽ ra các thủ tục có «{synonym.official}».")
        return self._changelist()
