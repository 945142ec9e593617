"""Moderation by IOC operators: hide, edit the public text with the original kept, hide a
photo, lock an abusive account; every step logged with the reason."""

import pytest
from django.core.exceptions import PermissionDenied

from fieldreports import actions
from fieldreports.actions import ActionError
from fieldreports.models import ModerationLog
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
    actions.hide_photo(r.photos.get(), vy, "Ảnh có biển số xe")
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
