"""Error pages speak Vietnamese when DEBUG is off."""

import pytest


@pytest.mark.django_db
def test_404_is_vietnamese(client, settings):
    settings.DEBUG = False
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_500_template_needs_no_context():
    from django.template.loader import render_to_string

    assert "Hệ thống đang gặp sự cố" in render_to_string("500.html")
