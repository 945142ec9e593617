"""`demo_accounts`: the URL and the table of demo accounts."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from demo import data

pytestmark = pytest.mark.django_db


def test_prints_the_url_and_every_account(demo, capsys):
    call_command("demo_accounts")
    out = capsys.readouterr().out

    assert "http://127.0.0.1:8000/" in out
    assert "motcua@2025" in out
    for spec in data.DEMO_ACCOUNTS:
        assert f"\n{spec['username']} " in out
    assert "Cán bộ một cửa / Counter officer" in out
    assert "Sở Xây dựng (Department of Construction)" in out
    assert "Ủy ban nhân dân phường Thuận Hóa (People's Committee of Thuận Hóa ward)" in out
    assert "Quản trị hệ thống / System administrator" in out
