"""Workspace fixtures: the building permit of agency A (online, partial), frozen time, a PDF."""

from tests.dossiers.conftest import clock, land_info, permit  # noqa: F401  (fixtures)
