"""The shared input cleaning (motcua/inputs.py): what every channel drops or refuses."""

import pytest

from motcua.inputs import clean_text, has_controls


@pytest.mark.parametrize("hidden", ["\x00", "\x0b", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\uffff"])
def test_controls_overrides_and_non_characters_are_dropped(hidden):
    assert has_controls(f"Nguyễn{hidden} Văn A")
    assert clean_text(f"Nguyễn{hidden} Văn A") == "Nguyễn Văn A"


@pytest.mark.parametrize("kept", ["Đặng Thảo Vy", "Số 12/3 – đường Lê Lợi", "a\tb\nc", "👍🏽", "½ ²"])
def test_ordinary_text_is_kept(kept):
    assert not has_controls(kept.replace("\t", "").replace("\n", ""))
    assert clean_text(kept) == kept


def test_a_single_line_field_turns_breaks_into_spaces():
    assert clean_text("12 Lê Lợi\r\nHuế\t", multiline=False) == "12 Lê Lợi Huế"
