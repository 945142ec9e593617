"""Demo catalogue of Huế city: administrative procedures by field, one module per field.

Every entry is a catalogue.specs.ProcedureSpec; demo.catalogue_loader writes them through
catalogue.specs.write_spec. Names, components, fees and legal bases are modelled on
procedures published on the national public-service portal; procedure codes, fee amounts
and a few article numbers are illustrative and marked in the modules.
"""

from __future__ import annotations

from catalogue.specs import ProcedureSpec
from demo.catalogue import (
    chung_thuc,
    cong_thuong,
    dat_dai,
    du_lich,
    giao_duc,
    giao_thong,
    ho_tich,
    kinh_doanh,
    lao_dong,
    moi_truong,
    tu_phap,
    van_hoa,
    xa_hoi,
    xay_dung,
    y_te,
)

MODULES = (
    ho_tich, chung_thuc, dat_dai, xay_dung, kinh_doanh, lao_dong, giao_duc, y_te, tu_phap, giao_thong, van_hoa,
    du_lich, xa_hoi, moi_truong, cong_thuong,
)


def all_specs() -> list[ProcedureSpec]:
    """Every version, first versions before later ones."""
    first = [spec for module in MODULES for spec in module.PROCEDURES]
    later = [spec for module in MODULES for spec in getattr(module, "REVISIONS", [])]
    return first + sorted(later, key=lambda s: (s.code, s.effective_from))
