"""The one-stop journey end to end in Chromium, as each person does it, from the home page:
a citizen registers and submits online with uploads; the counter receives and prints form 01;
the specialist asks for a supplement; the citizen uploads it; the specialist forwards; the
leader approves; the counter returns the result; the citizen sees it and scores it; anyone
with the code and the secret looks it up. Every page is checked at 360 px and with axe-core
(tests/browser/pages.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from catalogue.specs import write_spec
from dossiers.models import Dossier, Evaluation
from dossiers.states import State
from tests.browser.conftest import log_in
from tests.browser.pages import check_page
from tests.catalogue.conftest import building_permit_spec
from tests.dossiers.conftest import pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)

PDF = {"name": "don.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
SIGNUP_PASSWORD = "Hue-mot-cua-2026!"


def open_dossier_from_queue(page, queue_label: str, dossier: Dossier) -> None:
    page.click("text=Hồ sơ cần xử lý")
    page.click(f".tabs >> text={queue_label}")
    page.click(f"a[href='/can-bo/ho-so/{dossier.pk}/']")


def test_a_dossier_from_sign_up_to_score(live_server, desk, agency_a, hoa, minh, dung, tu):
    version = write_spec(building_permit_spec(agency_a))
    base = live_server.url
    page = desk

    # A citizen arrives at the home page, registers, and finds the procedure.
    page.goto(base)
    check_page(page, "01 home")
    page.click(".cards >> text=Đăng ký tài khoản")
    check_page(page, "02 sign-up")
    page.fill("#id_id_number", "046190000777")
    page.fill("#id_full_name", "Nguyễn Văn An")
    page.fill("#id_phone", "0905123456")
    page.fill("#id_password1", SIGNUP_PASSWORD)
    page.fill("#id_password2", SIGNUP_PASSWORD)
    page.click("form.form-card button[type=submit]")
    assert "/ho-so-cua-toi/" in page.url
    check_page(page, "03 my dossiers empty")

    page.goto(base)
    page.fill("#home-q", "giay phep xay dung")
    page.click("form[role=search] button")
    page.click("text=Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ")
    page.click("text=Nộp hồ sơ trực tuyến")
    check_page(page, "04 online submission")
    assert page.input_value("#id_name") == "Nguyễn Văn An"  # prefilled from the account
    assert page.input_value("#id_id_number") == "046190000777"

    # Submitting without the required files keeps what was typed and says what is missing.
    page.fill("#id_address", "12 Lê Lợi, phường Thuận Hóa, Huế")
    page.click("#submission button.primary")
    # The form posts back to its own URL, so wait for the answer rather than count at once.
    expect(page.locator("text=Vui lòng đính kèm giấy tờ bắt buộc này.")).to_have_count(2)
    assert page.input_value("#id_address") == "12 Lê Lợi, phường Thuận Hóa, Huế"
    components = list(version.components.order_by("order", "pk"))
    for component in components[:2]:
        page.set_input_files(f"#component-{component.pk}", PDF)
    page.check("input[name=cam-doan]")
    page.click("#submission button.primary")
    assert "Đã nộp hồ sơ trực tuyến" in page.inner_text(".messages")
    check_page(page, "05 submitted dossier")
    dossier = Dossier.objects.get(submitted_by__username="046190000777")
    assert dossier.state == State.SUBMITTED and dossier.files.count() == 2

    # The counter officer receives it from the queue, ticks the paper, prints form 01.
    log_in(page, base, "hoa")
    assert "/can-bo/hang-doi/cho-tiep-nhan/" in page.url
    check_page(page, "06 counter queue")
    open_dossier_from_queue(page, "Chờ tiếp nhận", dossier)
    check_page(page, "07 counter dossier")
    receive = page.locator("#action-receive")
    for component in components[:2]:
        receive.locator(f"input[name=received-{component.pk}]").check()
    receive.locator("button[type=submit]").click()
    assert "Đã tiếp nhận hồ sơ" in page.inner_text(".messages")
    dossier.refresh_from_db()
    assert dossier.state == State.RECEIVED and dossier.code
    with page.expect_download() as download:
        page.click("text=Giấy tiếp nhận, hẹn trả kết quả (01)")
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"
    page.select_option("#forward-assignee", label="Lê Văn Minh")
    page.locator("#action-forward button[type=submit]").click()

    log_in(page, base, "tu")  # another agency's officer cannot even open it
    response = page.goto(f"{base}/can-bo/ho-so/{dossier.pk}/")
    assert response.status == 404

    # The specialist asks for a supplement.
    log_in(page, base, "minh")
    open_dossier_from_queue(page, "Việc của tôi", dossier)
    check_page(page, "08 specialist dossier")
    box = page.locator("#action-request_supplement")
    box.locator("summary").click()
    box.locator(f"input[name=missing-{components[1].pk}]").check()
    box.locator("textarea[name=reason]").fill("Bản sao giấy chứng nhận chưa được chứng thực.")
    box.locator("button[type=submit]").click()
    dossier.refresh_from_db()
    assert dossier.state == State.SUPPLEMENT

    # The citizen sees what is asked, uploads it and hands it in.
    log_in(page, base, "046190000777", SIGNUP_PASSWORD)
    page.click("header >> text=Hồ sơ của tôi")
    page.click(f"text={dossier.code}")
    assert "Bản sao giấy chứng nhận chưa được chứng thực." in page.inner_text(".notice")
    check_page(page, "09 citizen supplement")
    page.select_option("#upload-component", str(components[1].pk))
    page.set_input_files("#upload-file", {**PDF, "name": "so-do-chung-thuc.pdf", "buffer": pdf_bytes("Ban sao")})
    page.click("form[action$='/dinh-kem/'] button[type=submit]")
    assert "Đã đính kèm" in page.inner_text(".messages")
    page.click("button:has-text('Gửi hồ sơ bổ sung')")
    dossier.refresh_from_db()
    assert dossier.state == State.PROCESSING

    # The specialist forwards, the leader approves, the counter returns the result.
    log_in(page, base, "minh")
    open_dossier_from_queue(page, "Việc của tôi", dossier)
    page.locator("#action-forward button[type=submit]").click()
    log_in(page, base, "dung")
    open_dossier_from_queue(page, "Việc của tôi", dossier)
    check_page(page, "10 leader dossier")
    page.locator("#action-approve button[type=submit]").click()
    dossier.refresh_from_db()
    assert dossier.state == State.RESULT_READY
    log_in(page, base, "hoa")
    open_dossier_from_queue(page, "Việc của tôi", dossier)
    page.locator("#action-return_result button[type=submit]").click()
    dossier.refresh_from_db()
    assert dossier.state == State.RETURNED

    # The citizen sees the result and scores the handling.
    log_in(page, base, "046190000777", SIGNUP_PASSWORD)
    page.goto(f"{base}/ho-so-cua-toi/{dossier.pk}/")
    assert "Đã trả kết quả" in page.inner_text("dl.facts")
    page.click("text=Đánh giá mức độ hài lòng")
    check_page(page, "11 scoring")
    for radio in page.locator("input[type=radio][value='2']").all():
        radio.check()
    page.fill("textarea[name=comment]", "Cán bộ hướng dẫn tận tình.")
    page.click("form.card button[type=submit]")
    assert "Cảm ơn bạn đã đánh giá" in page.inner_text(".messages")
    # Six criteria asked of her, three measured by the system (dossiers/evaluation.py).
    from dossiers.evaluation import measured

    dossier.refresh_from_db()
    assert Evaluation.objects.get(dossier=dossier).total == 12 + sum(measured(dossier).values())

    # Anyone holding the code and the secret of form 01 follows it without an account.
    page.context.clear_cookies()
    page.goto(base)
    page.click("header >> text=Tra cứu hồ sơ")
    page.fill("#ma", dossier.code)
    page.fill("#mat-khau", dossier.lookup_secret)
    page.click("form.lookup-form button")
    check_page(page, "12 public lookup")
    assert re.search("Đã trả kết quả", page.inner_text("main"))
    assert "Nguyễn V** A**" in page.inner_text("main")
