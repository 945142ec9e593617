"""Admin of the procedure catalogue, scoped by accounts.permissions.

Agency administrators maintain the procedures whose competent agency is theirs
("catalogue.edit"); the system administrator maintains fields (lĩnh vực), procedure
identities and everything else. A published version is frozen: its page is read-only and
any POST to it is refused; changes go through a new draft ("Tạo bản nháp mới") that is
published with an effective date ("Công bố"). Bulk data comes in and goes out as Excel
through catalogue.excel (layout: docs/catalogue-excel.md).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html_join

from accounts.admin_site import PolicyAdminMixin
from accounts.permissions import register_action
from accounts.roles import SYSTEM_ADMIN
from catalogue.excel import import_workbook, write_workbook
from catalogue.models import (
    PROCEDURE_CODE_RE,
    Component,
    Fee,
    Field,
    LegalBasis,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    StepAction,
)
from catalogue.services import process_problems, publish, start_draft
from units.models import Agency

# Province-wide catalogue decisions: the list of fields, procedure identities, abolition.
register_action("catalogue.manage", {SYSTEM_ADMIN})

EDIT = "catalogue.edit"
MANAGE = "catalogue.manage"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@admin.register(Field)
class FieldAdmin(PolicyAdminMixin, admin.ModelAdmin):
    view_action = EDIT
    change_action = add_action = delete_action = MANAGE
    agency_lookup = None
    list_display = ("code", "name")
    search_fields = ("code", "name")


# --- procedures -----------------------------------------------------------------------------


class VersionListInline(admin.TabularInline):
    """The versions of a procedure, as links (each is edited on its own page)."""

    model = ProcedureVersion
    fields = ("number", "name", "state", "effective_from", "competent_agency")
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False
    ordering = ("-number",)

    def has_view_permission(self, request, obj=None):
        return self.admin_site._registry[Procedure].has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Procedure)
class ProcedureAdmin(PolicyAdminMixin, admin.ModelAdmin):
    view_action = EDIT
    change_action = add_action = MANAGE
    delete_action = None  # deleting would cascade to published versions, which never disappear
    agency_lookup = "versions__competent_agency"
    list_display = ("code", "current_name", "latest_state", "abolished_on")
    search_fields = ("code", "versions__name")
    inlines = [VersionListInline]

    def get_queryset(self, request):
        today = timezone.localdate()
        in_force = ProcedureVersion.objects.filter(
            procedure=OuterRef("pk"), state=ProcedureVersion.State.PUBLISHED, effective_from__lte=today,
        ).order_by("-effective_from", "-number")
        latest = ProcedureVersion.objects.filter(procedure=OuterRef("pk")).order_by("-number")
        return super().get_queryset(request).annotate(
            current_name_value=Coalesce(Subquery(in_force.values("name")[:1]), Subquery(latest.values("name")[:1])),
            latest_state_value=Subquery(latest.values("state")[:1]),
        )

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj else ()

    @admin.display(description="tên thủ tục (hiện hành)", ordering="current_name_value")
    def current_name(self, obj):
        return obj.current_name_value or "—"

    @admin.display(description="trạng thái phiên bản mới nhất", ordering="latest_state_value")
    def latest_state(self, obj):
        return ProcedureVersion.State(obj.latest_state_value).label if obj.latest_state_value else "—"


# --- versions -------------------------------------------------------------------------------


class VersionPartInline:
    """Parts of a version follow the version's permissions: editable while it is a draft
    the user may edit, read-only once published."""

    extra = 0

    def _version_admin(self):
        return self.admin_site._registry[ProcedureVersion]

    def has_view_permission(self, request, obj=None):
        return self._version_admin().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        version_admin = self._version_admin()
        if obj is None:
            return version_admin.has_add_permission(request)
        return version_admin.has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


class LegalBasisInline(VersionPartInline, admin.TabularInline):
    model = LegalBasis
    fields = ("order", "number", "title", "issued_on", "article")


class FeeInline(VersionPartInline, admin.TabularInline):
    model = Fee
    fields = ("order", "name", "amount", "online_amount", "note")


class ComponentInline(VersionPartInline, admin.TabularInline):
    model = Component
    fields = ("order", "name", "originals", "certified_copies", "copies", "requirement", "condition", "form_file",
              "must_digitize", "reusable")


class StepForm(forms.ModelForm):
    actions = forms.MultipleChoiceField(
        label="thao tác được phép", choices=StepAction.choices, widget=forms.CheckboxSelectMultiple, required=False,
    )

    class Meta:
        model = ProcessStep
        fields = ("order", "name", "role", "performer", "other_agency", "budget_hours", "actions")


class StepInline(VersionPartInline, admin.StackedInline):
    model = ProcessStep
    form = StepForm
    fields = StepForm.Meta.fields

    def get_fields(self, request, obj=None):
        if obj is not None and not self.has_change_permission(request, obj):
            return [("actions_display" if f == "actions" else f) for f in self.fields]
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not self.has_change_permission(request, obj):
            return ("actions_display",)
        return ()

    @admin.display(description="thao tác được phép")
    def actions_display(self, step):
        labels = dict(StepAction.choices)
        return ", ".join(labels.get(a, a) for a in step.actions or []) or "—"


class VersionForm(forms.ModelForm):
    procedure_code = forms.CharField(
        label="mã thủ tục", max_length=20, required=False,
        help_text="Mã trên Cơ sở dữ liệu quốc gia về TTHC, ví dụ 1.001234 hoặc 1.000948.H38.",
    )

    class Meta:
        model = ProcedureVersion
        fields = (
            "name", "field", "level_central", "level_province", "level_commune", "competent_agency",
            "receiving_agency", "for_citizens", "for_organisations", "time_limit_kind", "time_limit_value",
            "time_limit_note", "result_type", "result_name", "online_level", "is_lien_thong", "intake_anywhere",
            "requirements", "fee_note",
        )

    def clean_procedure_code(self):
        if self.instance.pk:
            return ""
        code = (self.cleaned_data.get("procedure_code") or "").strip()
        if not code:
            raise ValidationError("Nhập mã thủ tục.")
        if not PROCEDURE_CODE_RE.match(code):
            raise ValidationError("Mã thủ tục phải có dạng 1.001234 hoặc 1.000948.H38.")
        if Procedure.objects.filter(code=code).exists():
            raise ValidationError(
                f"Thủ tục {code} đã có trong danh mục; hãy chọn phiên bản của thủ tục đó trong danh sách "
                "và dùng thao tác «Tạo bản nháp mới»."
            )
        return code


class PublishForm(forms.Form):
    effective_from = forms.DateField(
        label="Ngày hiệu lực", input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text="Theo dạng ngày/tháng/năm, ví dụ 01/07/2025. Hồ sơ tiếp nhận từ ngày này áp dụng phiên bản mới.",
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError("Chọn tệp Excel định dạng .xlsx (tải tệp mẫu bằng nút «Xuất Excel»).")
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError("Tệp lớn hơn 20 MB; hãy chia thành nhiều tệp hoặc dùng lệnh import_catalogue.")
        return upload


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(PolicyAdminMixin, admin.ModelAdmin):
    view_action = change_action = add_action = delete_action = EDIT
    agency_lookup = "competent_agency"

    form = VersionForm
    change_list_template = "catalogue/admin/version_change_list.html"
    list_display = ("procedure_code", "number", "name", "field", "competent_agency", "state", "effective_from")
    list_display_links = ("procedure_code", "name")
    list_filter = ("state", "field", ("competent_agency", admin.RelatedOnlyFieldListFilter), "online_level")
    search_fields = ("procedure__code", "name")
    list_select_related = ("procedure", "field", "competent_agency")
    inlines = [LegalBasisInline, FeeInline, ComponentInline, StepInline]
    actions = ["start_drafts", "publish_versions", "export_excel"]
    readonly_fields = ("procedure", "number", "state", "effective_from", "published_at", "published_by",
                       "process_check")
    main_fields = (
        "name", "field", ("level_central", "level_province", "level_commune"),
        "competent_agency", "receiving_agency", ("for_citizens", "for_organisations"),
        ("time_limit_kind", "time_limit_value"), "time_limit_note", ("result_type", "result_name"),
        "online_level", ("is_lien_thong", "intake_anywhere"), "requirements", "fee_note",
    )

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return ((None, {"fields": ("procedure_code", *self.main_fields)}),)
        state = ("procedure", "number", "state", "effective_from", "published_at", "published_by")
        if obj.is_published:
            return ((None, {"fields": state}), ("Nội dung", {"fields": self.main_fields}))
        return (
            (None, {"fields": state}),
            ("Nội dung", {"fields": self.main_fields}),
            ("Kiểm tra trước khi công bố", {"fields": ("process_check",)}),
        )

    # A published version is frozen: view only, whoever asks (the models refuse too).
    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "competent_agency":
            ids = self.allowed_agency_ids(request, EDIT)
            if ids is not None:
                kwargs["queryset"] = Agency.objects.filter(pk__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            procedure = Procedure.objects.create(code=form.cleaned_data["procedure_code"])
            obj.procedure = procedure
            obj.number = (procedure.versions.aggregate(n=Max("number"))["n"] or 0) + 1
            obj.state = ProcedureVersion.State.DRAFT
        super().save_model(request, obj, form, change)

    @admin.display(description="mã thủ tục", ordering="procedure__code")
    def procedure_code(self, obj):
        return obj.procedure.code

    @admin.display(description="quy trình")
    def process_check(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        problems = process_problems(obj)
        if not obj.components.exists():
            problems.insert(0, "Thủ tục phải có ít nhất một thành phần hồ sơ.")
        if not problems:
            return "Hợp lệ: có thể công bố."
        return format_html_join("", "<div>• {}</div>", ((p,) for p in problems))

    # --- actions --------------------------------------------------------------------------
    @admin.action(description="Tạo bản nháp mới", permissions=["change"])
    def start_drafts(self, request, queryset):
        for procedure in Procedure.objects.filter(pk__in=queryset.values("procedure")):
            existing = procedure.versions.filter(state=ProcedureVersion.State.DRAFT).first()
            try:
                draft = start_draft(procedure, user=request.user)
            except (PermissionDenied, ValidationError) as exc:
                reason = " ".join(getattr(exc, "messages", None) or [str(exc)])
                messages.error(request, f"Thủ tục {procedure.code}: {reason}")
                continue
            if existing:
                messages.warning(request, f"Thủ tục {procedure.code} đã có bản nháp (phiên bản {draft.number}).")
            else:
                messages.success(request, f"Đã tạo bản nháp phiên bản {draft.number} cho thủ tục {procedure.code}.")

    @admin.action(description="Công bố", permissions=["change"])
    def publish_versions(self, request, queryset):
        form = PublishForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            day = form.cleaned_data["effective_from"]
            for version in queryset.select_related("procedure", "competent_agency"):
                label = f"{version.procedure.code} phiên bản {version.number}"
                if version.is_published:
                    messages.warning(request, f"{label} đã được công bố từ trước.")
                    continue
                try:
                    publish(version, day, user=request.user)
                except PermissionDenied as exc:
                    messages.error(request, f"{label}: {exc}")
                except ValidationError as exc:
                    messages.error(request, f"Không công bố được {label}:")
                    for problem in exc.messages:
                        messages.error(request, f"{label} — {problem}")
                else:
                    messages.success(request, f"Đã công bố {label}, hiệu lực từ {day:%d/%m/%Y}.")
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Công bố phiên bản thủ tục",
            "opts": self.model._meta,
            "queryset": queryset.select_related("procedure"),
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action": "publish_versions",
        }
        return TemplateResponse(request, "catalogue/admin/publish.html", context)

    @admin.action(description="Xuất Excel", permissions=["view"])
    def export_excel(self, request, queryset):
        return self._xlsx(queryset)

    @staticmethod
    def _xlsx(queryset) -> HttpResponse:
        response = HttpResponse(write_workbook(queryset), content_type=XLSX)
        stamp = timezone.localdate().strftime("%Y%m%d")
        response["Content-Disposition"] = f'attachment; filename="danh-muc-thu-tuc-{stamp}.xlsx"'
        return response

    # --- Excel pages ----------------------------------------------------------------------
    def get_urls(self):
        prefix = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name=f"{prefix}_import"),
            path("export/", self.admin_site.admin_view(self.export_view), name=f"{prefix}_export"),
            *super().get_urls(),
        ]

    def export_view(self, request):
        """The changelist as it is filtered, as Excel (no selection needed)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseRedirect(reverse("admin:catalogue_procedureversion_changelist"))
        return self._xlsx(changelist.queryset)

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        result = None
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            result = import_workbook(form.cleaned_data["file"], user=request.user)
            if result.ok:
                messages.success(
                    request, f"Đã nhập {result.written} thủ tục: {result.published} phiên bản được công bố, "
                    f"{result.drafts} bản nháp" + (f"; {result.unchanged} thủ tục không đổi" if result.unchanged
                                                   else "")
                    + (f"; {result.synonyms} từ đồng nghĩa thêm hoặc sửa." if result.synonyms else "."),
                )
                return HttpResponseRedirect(reverse("admin:catalogue_procedureversion_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Nhập danh mục thủ tục từ Excel",
            "opts": self.model._meta,
            "form": form,
            "result": result,
        }
        return TemplateResponse(request, "catalogue/admin/import.html", context)

from catalogue import admin_search  # noqa: E402, F401  (synonyms and the search log)
