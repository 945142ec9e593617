from tests.dossiers.conftest import clock, land_info, permit  # noqa: F401  (fixtures)
