"""What every page of a browser journey must pass: no horizontal scrolling on a 360 px phone,
no serious or critical axe-core violation, no JavaScript error; and a screenshot of it at
desktop and phone width kept as an artefact (ARTIFACTS_DIR, default artifacts/screenshots)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

ARTIFACTS = Path(os.environ.get("ARTIFACTS_DIR", "artifacts")) / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}
_axe = Axe()


def check_page(page, name: str) -> None:
    """Screenshots at both widths, then the phone and accessibility checks; back to desktop."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-")
    try:
        page.set_viewport_size(DESKTOP)
        page.screenshot(path=str(ARTIFACTS / f"{slug}-desktop.png"), full_page=True)
        page.set_viewport_size(PHONE)
        page.screenshot(path=str(ARTIFACTS / f"{slug}-phone.png"), full_page=True)
        wide = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert wide[0] <= wide[1], f"{name}: {wide[0]} px wide on a {wide[1]} px phone"
        results = _axe.run(page)
        bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
        assert not bad, f"{name}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in bad)
    finally:
        page.set_viewport_size(DESKTOP)
    errors = getattr(page, "errors", [])
    assert not errors, f"{name}: JavaScript errors {errors}"
