"""The API tests reuse the dossier fixtures: the building permit of agency A and agency B's
liên thông procedure (1.009994, 1.004321), the frozen clock, Lan's dossier received by Hòa."""

from tests.dossiers.conftest import clock, land_info, permit, received  # noqa: F401 (fixtures)
