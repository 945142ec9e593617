"""PDF forms 01–06 of Circular 01/2018/TT-VPCP (docs/forms.md).

    issue_form(dossier, "01")            -> IssuedForm (stored; reprints are byte-identical)
    issue_log_book(agency, from, to)     -> IssuedForm of form 06
    render_form(dossier, "05", event)    -> bytes, nothing stored

Setting: PUBLIC_BASE_URL (docs/configuration.md), the address printed on form 01 and
encoded in its QR code.
"""

from dossiers.forms.issue import FormError, issue_form, issue_log_book, read, render_form
from dossiers.forms.links import lookup_url, public_base_url

__all__ = ["FormError", "issue_form", "issue_log_book", "lookup_url", "public_base_url", "read", "render_form"]
