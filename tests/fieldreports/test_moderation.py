"""Moderation by IOC operators: hide, edit the public text with the original kept, hide a
photo, lock an abusive account; every step logged with the reason."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.urls import reverse

from fieldreports import actions
from fieldreports.actions import ActionError
from fieldreports.models import ApiClient, ModerationLog, ReportPhoto
from tests.fieldreports.conftest import jpeg_with_gps, report


def test_operator_edits_public_text_and_original_is_kept(world, lan, vy, lighting):
    r = report(lan, lighting, description="Đèn hỏng, số điện thoại tôi 0914222301")
    r = actions.edit_public_text(r, vy, "Đèn hỏng.", "Xóa số điện thoại cá nhân")
    assert r.public_text == "Đèn hỏng." and "0914222301" in r.description
    log = ModerationLog.objects.get(report=r)
    assert (log.actor, log.before, log.after, log.reason) == (vy, r.description, "Đèn hỏng.",
                                                              "Xóa số điện thoại cá nhân")


def test_hide_unhide_hide_photo_and_lock(world, lan, vy, lighting):
    r = report(lan, lighting, photos=[jpeg_with_gps()])
    actions.hide(r, vy, "Nội dung xúc phạm")
    actions.hide(r, vy, "Đã xem lại", hidden=False)
    actions.hide_photo(r, vy, r.photos.get(), "Ảnh có biển số xe")
    actions.lock_account(lan, vy, "Đăng nội dung xúc phạm nhiều lần")
    lan.refresh_from_db()
    assert not lan.is_active and r.photos.get().is_hidden
    assert list(ModerationLog.objects.order_by("pk").values_list("action", flat=True)) == [
        "hide", "unhide", "hide_photo", "lock_account"]


def test_only_operators_moderate_and_a_reason_is_required(world, lan, vy, minh, dung, lighting):
    r = report(lan, lighting)
    with pytest.raises(PermissionDenied):
        actions.hide(r, minh, "lý do")
    with pytest.raises(ActionError):
        actions.hide(r, vy, "  ")
    with pytest.raises(ActionError):
        actions.lock_account(dung, vy, "nhầm")  # staff accounts are not locked here


def test_operator_hides_one_photo_from_the_staff_page(client, world, lan, vy, lighting):
    # Given Lan's report with two photos, both public through the photo view
    r = report(lan, lighting, photos=[jpeg_with_gps(), jpeg_with_gps(size=(30, 20))])
    plate, other = r.photos.order_by("pk")
    assert client.get(plate.get_absolute_url()).status_code == 200
    client.force_login(vy)
    page = client.get(reverse("fieldreports:staff-detail", args=[r.pk])).content.decode()
    assert page.count('value="hide_photo"') == 2  # a button per photo
    url = reverse("fieldreports:staff-action", args=[r.pk])
    # When Vy tries without a reason, nothing is hidden
    client.post(url, {"action": "hide_photo", "photo": plate.pk, "reason": " "})
    assert not ReportPhoto.objects.get(pk=plate.pk).is_hidden
    # When Vy hides the photo showing a licence plate, with a reason
    client.post(url, {"action": "hide_photo", "photo": plate.pk, "reason": "Ảnh có biển số xe"})
    # Then it is hidden and logged, the other photo is untouched
    assert ReportPhoto.objects.get(pk=plate.pk).is_hidden and not ReportPhoto.objects.get(pk=other.pk).is_hidden
    log = ModerationLog.objects.get(action="hide_photo")
    assert (log.actor, log.photo_id, log.report_id, log.reason) == (vy, plate.pk, r.pk, "Ảnh có biển số xe")
    # And its file is served to the IOC only: the public gets 404, the report page drops it
    assert client.get(plate.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(plate.get_absolute_url()).status_code == 404
    assert client.get(other.get_absolute_url()).status_code == 200
    public = client.get(reverse("fieldreports:detail", args=[r.pk])).content.decode()
    assert plate.get_absolute_url() not in public and other.get_absolute_url() in public
    # And the reporter does not see it either: the moderator decided
    client.force_login(lan)
    assert client.get(plate.get_absolute_url()).status_code == 404


def test_photo_files_are_not_under_media_and_open311_links_the_photo_view(client, world, lan, vy, lighting):
    # Given a report with a photo
    r = report(lan, lighting, photos=[jpeg_with_gps()])
    photo = r.photos.get()
    # Then the file is not where MEDIA_URL publishes files, and has no storage URL at all
    assert not default_storage.exists(photo.file.name)
    with pytest.raises(ValueError):
        photo.file.url  # noqa: B018
    # And Open311 links the checked view, absolutely
    row = client.get(f"/open311/v2/requests/{r.pk}.json").json()[0]
    assert row["media_url"] == "http://testserver" + reverse("fieldreports:photo", args=[photo.pk])
    response = client.get(row["media_url"])
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "public" not in response.get("Cache-Control", "")
    # When the photo is hidden, Open311 stops publishing it
    actions.hide_photo(photo.report, vy, photo, "Ảnh có khuôn mặt người đi đường")
    assert client.get(f"/open311/v2/requests/{r.pk}.json").json()[0]["media_url"] == ""


def test_operator_clears_a_partner_media_url(client, world, vy, lighting):
    # Given a report from a partner application with a link to its own photo
    partner = ApiClient(name="Ứng dụng Huế-S")
    partner.set_new_key()
    partner.save()
    r = actions.submit_report(reporter=None, api_client=partner, category=lighting, description="Đèn tắt",
                              address="12 Lê Lợi", media_url="https://cdn.example.vn/anh/1.jpg")
    assert client.get(f"/open311/v2/requests/{r.pk}.json").json()[0]["media_url"] == "https://cdn.example.vn/anh/1.jpg"
    # When Vy removes the link from the staff page, with a reason
    client.force_login(vy)
    page = client.get(reverse("fieldreports:staff-detail", args=[r.pk])).content.decode()
    assert 'value="clear_media_url"' in page
    client.post(reverse("fieldreports:staff-action", args=[r.pk]),
                {"action": "clear_media_url", "reason": "Ảnh lộ thông tin cá nhân"})
    # Then Open311 no longer publishes it, and the log keeps what it was
    client.logout()
    assert client.get(f"/open311/v2/requests/{r.pk}.json").json()[0]["media_url"] == ""
    log = ModerationLog.objects.get(action="clear_media_url")
    assert (log.actor, log.report_id, log.before, log.after) == (vy, r.pk, "https://cdn.example.vn/anh/1.jpg", "")

def test_only_moderators_clear_a_media_url(world, lan, minh, lighting):
    r = report(lan, lighting)
    with pytest.raises(PermissionDenied):
        actions.clear_media_url(r, minh, "lý do")
