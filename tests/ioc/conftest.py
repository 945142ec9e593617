from tests.dossiers.conftest import clock, counter_b, land_info, leader_b, permit, received  # noqa: F401  (fixtures)
from tests.fieldreports.conftest import (  # noqa: F401, E402  (fixtures)
    _media,
    infra,
    lighting,
    power,
    rules,
    ward_a,
    ward_b,
    waste,
    world,
)
