from tests.dossiers.conftest import clock, land_info, permit, received  # noqa: F401 (fixtures)
