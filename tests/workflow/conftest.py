"""The kernel is tested through the two machines built on it: reuse their fixtures."""

from tests.dossiers.conftest import clock, counter_b, land_info, leader_b, permit  # noqa: F401 (fixtures)
