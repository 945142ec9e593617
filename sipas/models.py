"""SIPAS surveys: citizens' satisfaction with the service of the administration, measured by a
questionnaire on the five service elements (access, procedure, civil servant, result, feedback
handling) by perception, satisfaction and expectation, plus public-policy groups (the
Ministry of Home Affairs' SIPAS methodology; docs/measuring.md says what to verify).

Anonymity from the officers who are judged is built into the tables:
- an Invitation knows the dossier and the person (to ask each person once and send the link),
  keeps only the SHA-256 of the one-time token, and records that it was answered, not when;
- a Response knows its survey, the agency judged and the day, nothing else: no invitation, no
  dossier, no person, no procedure, no time of day; its answers hang from it;
- the tallies (what the result pages read) are sums over responses, shown per agency only
  from SIPAS_MIN_RESPONSES responses up, and only once the survey is closed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from workflow.models import ChainedEvent, ChainedObject


class Element(models.TextChoices):
    ACCESS = "access", "Tiếp cận dịch vụ"
    PROCEDURE = "procedure", "Thủ tục hành chính"
    CIVIL_SERVANT = "civil_servant", "Công chức giải quyết công việc"
    RESULT = "result", "Kết quả giải quyết"
    FEEDBACK = "feedback", "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị"
    POLICY = "policy", "Chính sách công"


ELEMENTS = [Element.ACCESS, Element.PROCEDURE, Element.CIVIL_SERVANT, Element.RESULT, Element.FEEDBACK]


class Aspect(models.TextChoices):
    PERCEPTION = "perception", "Cảm nhận"
    SATISFACTION = "satisfaction", "Mức độ hài lòng"
    EXPECTATION = "expectation", "Kỳ vọng"


class Kind(models.TextChoices):
    LIKERT = "likert", "Thang 5 mức (1 rất không hài lòng – 5 rất hài lòng)"
    YES_NO = "yes_no", "Có / Không"
    CHOICE = "choice", "Chọn một hoặc nhiều phương án"


LIKERT = ((1, "Rất không hài lòng"), (2, "Không hài lòng"), (3, "Bình thường"), (4, "Hài lòng"),
          (5, "Rất hài lòng"))
SATISFIED = 4  # "hài lòng" or above counts as satisfied


class SurveyState(models.TextChoices):
    DRAFT = "draft", "Đang chuẩn bị"
    OPEN = "open", "Đang khảo sát"
    CLOSED = "closed", "Đã kết thúc"


class Survey(ChainedObject):
    title = models.CharField("tên đợt khảo sát", max_length=200)
    # The agency running it (the Department of Home Affairs): its staff with the role manage it.
    organiser = models.ForeignKey("units.Agency", verbose_name="cơ quan tổ chức", on_delete=models.PROTECT,
                                  related_name="+")
    # The dossiers whose result was returned in these days are the population.
    returned_from = models.DateField("trả kết quả từ ngày")
    returned_to = models.DateField("trả kết quả đến ngày")
    sample_per_agency = models.PositiveIntegerField("số người mời mỗi cơ quan", default=30)
    seed = models.CharField("hạt giống chọn mẫu", max_length=40, blank=True)
    closes_at = models.DateTimeField("kết thúc lúc")
    state = models.CharField("trạng thái", max_length=10, choices=SurveyState.choices, default=SurveyState.DRAFT)
    created_at = models.DateTimeField("tạo lúc")
    opened_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    closed_at = models.DateTimeField("kết thúc thực tế lúc", null=True, blank=True)

    class Meta:
        verbose_name = "đợt khảo sát SIPAS"
        verbose_name_plural = "đợt khảo sát SIPAS"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class SurveyEvent(ChainedEvent):
    CHAIN_PARENT = "survey"
    HASHED_FIELDS = ("survey_id", "seq", "action", "actor_id", "actor_name", "at", "from_state", "to_state", "data",
                     "idempotency_key", "row_digest")

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="events")
    action = models.CharField("thao tác", max_length=30)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    actor_name = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField("thời điểm")
    from_state = models.CharField(max_length=10, blank=True)
    to_state = models.CharField(max_length=10)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "sự kiện khảo sát"
        verbose_name_plural = "sự kiện khảo sát"
        ordering = ["survey", "seq"]
        constraints = [models.UniqueConstraint(fields=["survey", "seq"], name="unique_sipas_event_seq")]


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField("thứ tự")
    element = models.CharField("yếu tố", max_length=20, choices=Element.choices)
    aspect = models.CharField("khía cạnh", max_length=20, choices=Aspect.choices)
    kind = models.CharField("dạng câu trả lời", max_length=10, choices=Kind.choices)
    text = models.CharField("câu hỏi", max_length=500)
    options = models.JSONField("phương án", default=list, blank=True)
    required = models.BooleanField("bắt buộc", default=False)

    class Meta:
        verbose_name = "câu hỏi"
        verbose_name_plural = "câu hỏi"
        ordering = ["survey", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class Invitation(models.Model):
    """One person asked in one survey, for one returned dossier."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+")
    procedure = models.ForeignKey("catalogue.Procedure", on_delete=models.PROTECT, related_name="+")
    # A keyed hash of the person's ID number: asked once, without keeping the number again.
    respondent_key = models.CharField(max_length=64)
    email = models.CharField(max_length=254, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    answered = models.BooleanField(default=False)

    class Meta:
        verbose_name = "lời mời khảo sát"
        verbose_name_plural = "lời mời khảo sát"
        constraints = [models.UniqueConstraint(fields=["survey", "respondent_key"], name="sipas_asked_once"),
                       models.UniqueConstraint(fields=["survey", "dossier"], name="sipas_dossier_once")]
        indexes = [models.Index(fields=["respondent_key"])]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk}"


class Response(models.Model):
    """One set of answers: the survey, the agency judged, the day; nothing that leads back."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField("ngày trả lời")
    comment = models.TextField("ý kiến khác", blank=True)

    class Meta:
        verbose_name = "phiếu trả lời"
        verbose_name_plural = "phiếu trả lời"

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(null=True, blank=True)  # 1–5, or 1 yes / 0 no
    choices = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="sipas_answer_once")]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"


class ElementTally(models.Model):
    """Sufficient statistics of the respondents' satisfaction index (0–100) for one element
    (or "all": the mean of a respondent's element indices) and agency: n, Σx, Σx²."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+")
    element = models.CharField(max_length=20)
    n = models.IntegerField(default=0)
    total = models.FloatField(default=0)
    squares = models.FloatField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "agency", "element"], name="unique_sipas_tally")]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.agency_id}/{self.element}: {self.n}"


class AnswerTally(models.Model):
    """How many respondents of an agency gave each answer to each question (the drill-down)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    value = models.CharField(max_length=200)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "agency", "question", "value"],
                                               name="unique_sipas_answer_tally")]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.agency_id}/{self.question_id}={self.value}: {self.count}"
