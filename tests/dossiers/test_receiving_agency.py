"""Where a dossier may be received comes from the catalogue: the procedure's receiving agency,
or, for a procedure received regardless of administrative boundaries, any commune's one-stop
counter or the service centre. A counter elsewhere cannot take it in by naming her agency."""

from datetime import date

import pytest

from accounts.roles import Role
from catalogue.specs import write_spec
from dossiers import actions
from dossiers.actions import ActionError
from dossiers.models import Channel, Dossier
from tests.catalogue.conftest import building_permit_spec
from tests.conftest import staff
from tests.dossiers.api_helpers import client_for, intake
from tests.dossiers.conftest import LAN
from units.models import Agency


@pytest.fixture
def ward(province):
    return Agency.objects.create(code="000.00.31.H57", name="Ủy ban nhân dân phường Thuận Hóa",
                                 kind=Agency.Kind.PEOPLES_COMMITTEE, unit=province)


@pytest.fixture
def thao(ward):
    return staff("thao", ward, Role.COUNTER_OFFICER, full_name="Lê Thị Thảo")


def test_a_counter_elsewhere_cannot_take_in_a_procedure_by_naming_her_agency(agency_a, ward, thao, clock):
    version = write_spec(building_permit_spec(agency_a, effective_from=date(2025, 1, 1)))
    with pytest.raises(ActionError) as refused:
        actions.submit(version, LAN, thao, channel=Channel.COUNTER, receiving_agency=ward)
    assert refused.value.code == "wrong_receiving_agency" and refused.value.field == "receiving_agency"
    assert "Sở Xây dựng" in str(refused.value) and not Dossier.objects.exists()
    answer = intake(client_for(thao), procedure_code=version.procedure.code, receiving_agency=ward.code)
    assert answer.status_code == 422 and answer.json()["code"] == "wrong_receiving_agency"


def test_a_procedure_received_anywhere_is_taken_in_at_any_commune_counter(agency_a, ward, thao, clock):
    version = write_spec(building_permit_spec(agency_a, effective_from=date(2025, 1, 1), intake_anywhere=True))
    dossier = actions.submit(version, LAN, thao, channel=Channel.COUNTER, receiving_agency=ward).dossier
    dossier = actions.receive(dossier, thao).dossier
    assert dossier.receiving_agency == ward and dossier.code.startswith(ward.code)


def test_received_anywhere_still_means_a_one_stop_counter(agency_a, agency_b, counter_b, clock):
    version = write_spec(building_permit_spec(agency_a, effective_from=date(2025, 1, 1), intake_anywhere=True))
    with pytest.raises(ActionError) as refused:  # agency B is a department, not a one-stop counter
        actions.submit(version, LAN, counter_b, channel=Channel.COUNTER, receiving_agency=agency_b)
    assert refused.value.code == "wrong_receiving_agency"
