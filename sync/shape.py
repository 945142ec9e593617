"""The national public-service portal's shape of a dossier and of a progress step (its
DongBoHoSoMC and CapNhatTienDoHoSoMC services, as provinces have integrated them before the
2025 reform; Decree 118/2025/NĐ-CP and Circular 03/2025/TT-VPCP may change fields [verify]):
dates as yyyyMMddHHmmss in Vietnam's time, the status as the national code 1–10 (the dossier's
`status`, dossiers/states.py), the procedure by its national code.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from dossiers.lookup import PUBLIC_ACTIONS
from dossiers.models import ApplicantKind, Channel

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
# HinhThuc: how the dossier came in [verify against the portal's current specification].
CHANNELS = {Channel.COUNTER: 0, Channel.POST: 1, Channel.ONLINE: 2}
# Actions after which the portal's record of the dossier changes: status, appointment, return.
UPDATES_RECORD = {"apologize", "resume", "receive_transfer", "return_result"}


def portal_time(moment: datetime | None) -> str:
    return moment.astimezone(VIETNAM).strftime("%Y%m%d%H%M%S") if moment else ""


def dossier_record(dossier, event) -> dict:
    """The dossier as the portal keeps it, as of `event`."""
    version = dossier.procedure_version
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": version.procedure.code,
        "TenTTHC": version.name,
        "MaLinhVuc": version.field.code,
        "ChuHoSo": dossier.applicant_name,
        "LoaiDoiTuong": 2 if dossier.applicant_kind == ApplicantKind.ORGANISATION else 1,
        "NgayTiepNhan": portal_time(dossier.received_at),
        "NgayHenTra": portal_time(event.due_at or dossier.due_at),
        "NgayTra": portal_time(event.at) if event.action == "return_result" else portal_time(dossier.returned_at),
        "TrangThaiHoSo": event.to_status,
        "HinhThuc": CHANNELS.get(dossier.channel, 0),
        "DanhSachLePhi": [{"TenPhiLePhi": fee.name, "MucPhi": fee.amount} for fee in version.fees.all()],
        "TaiLieuNop": [{"TenTepDinhKem": f.original_name} for f in dossier.files.all()],
        "DanhSachGiayToKetQua": [],
        "DanhSachHoSoBoSung": [],
    }


def progress(dossier, event) -> dict:
    """One step of the dossier's handling, as the portal shows it to the applicant."""
    step = event.to_step
    return {
        "MaHoSo": dossier.code,
        "NguoiXuLy": event.actor_name,
        "ChucDanh": step.get_role_display() if step else "",
        "ThoiDiemXuLy": portal_time(event.at),
        "PhongBanXuLy": event.agency.name if event.agency_id else "",
        "NoiDungXuLy": str(PUBLIC_ACTIONS.get(event.action, event.action)),
        "TrangThai": event.to_status,
        "NgayBatDau": portal_time(event.at),
        "NgayKetThucTheoQuyDinh": portal_time(event.step_due_at or event.due_at),
    }


def calls_for(dossier, event, created_on_portal: bool) -> list[tuple[str, dict]]:
    """The portal calls `event` needs, in order: (service, body)."""
    if not dossier.code:  # not received yet: the portal knows dossiers by their code
        return []
    calls = []
    if not created_on_portal:
        calls.append(("DongBoHoSoMC", {"isUpdating": "False", "data": [dossier_record(dossier, event)]}))
    elif event.from_status != event.to_status or event.action in UPDATES_RECORD:
        calls.append(("DongBoHoSoMC", {"isUpdating": "True", "data": [dossier_record(dossier, event)]}))
    if event.action in PUBLIC_ACTIONS:
        calls.append(("CapNhatTienDoHoSoMC", {"data": [progress(dossier, event)]}))
    return calls
