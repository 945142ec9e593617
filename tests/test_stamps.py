"""Version stamps (motcua/stamps.py): a process keeps reference data in memory and rebuilds it
when any process changed it, within STAMP_CHECK_SECONDS; a rolled-back change is undone too."""

import pytest
from django.db import transaction

from motcua import stamps
from motcua.models import Stamp


@pytest.fixture
def builds():
    made = []

    def build():
        made.append(stamps.version("t"))
        return len(made)

    return made, build


def test_kept_until_the_stamp_moves(db, builds, settings, django_assert_num_queries):
    made, build = builds
    settings.STAMP_CHECK_SECONDS = 3600
    assert stamps.cached("t", build) == 1
    with django_assert_num_queries(0):  # within the interval: not even the stamp is read
        assert stamps.cached("t", build) == 1
    stamps.bump("t")  # a change in this process: seen at once
    assert stamps.cached("t", build) == 2


def test_another_process_is_seen_after_the_interval(db, builds, settings):
    made, build = builds
    settings.STAMP_CHECK_SECONDS = 0
    assert stamps.cached("t", build) == 1
    assert stamps.cached("t", build) == 1  # stamp read, unchanged: the copy is kept
    Stamp.objects.create(name="t", version=7)  # what another process's bump leaves
    assert stamps.cached("t", build) == 2


def test_a_rolled_back_change_is_rebuilt_again(db, builds, settings):
    made, build = builds
    settings.STAMP_CHECK_SECONDS = 0
    stamps.cached("t", build)
    with pytest.raises(RuntimeError), transaction.atomic():
        stamps.bump("t")
        assert stamps.cached("t", build) == 2  # built from the uncommitted change
        raise RuntimeError
    assert stamps.cached("t", build) == 3  # the stamp went back: so does the copy
    assert made == [0, 1, 0]
