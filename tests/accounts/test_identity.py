"""Citizen ID numbers and tax codes (pure functions, no database)."""

from __future__ import annotations

import pytest

from accounts.identity import citizen_id_error, tax_code_error


def test_a_valid_citizen_id_passes():
    assert citizen_id_error("046190000123") is None


@pytest.mark.parametrize("value", ["04619000012", "0461900001234", ""])
def test_citizen_id_of_wrong_length(value):
    assert citizen_id_error(value) is not None


def test_citizen_id_length_error_says_how_many_digits():
    assert citizen_id_error("04619000012") == "Số định danh cá nhân phải có đúng 12 chữ số (đang có 11)."


@pytest.mark.parametrize("value", ["04619000012A", "0461 9000012", "٠٤٦١٩٠٠٠٠١٢٣"])
def test_citizen_id_with_letters_or_non_ascii_digits(value):
    assert citizen_id_error(value) == "Số định danh cá nhân chỉ gồm chữ số."


@pytest.mark.parametrize("prefix", ["000", "097", "003"])
def test_citizen_id_with_an_unknown_province_prefix(prefix):
    error = citizen_id_error(f"{prefix}190000123")

    assert error is not None
    assert prefix in error


def test_citizen_id_of_the_last_province_code_passes():
    assert citizen_id_error("096190000123") is None


@pytest.mark.parametrize("value", ["0101234567", "0101234567-001", "046190000123"])
def test_valid_tax_codes(value):
    assert tax_code_error(value) is None


@pytest.mark.parametrize("value", ["", "010123456", "0101234567-01", "0101234567001", "01012345ab"])
def test_invalid_tax_codes(value):
    assert tax_code_error(value) is not None
