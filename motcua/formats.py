"""Vietnamese display formats shared by templates, PDFs and exports (pure)."""


def group_thousands(value: int) -> str:
    """75000 -> "75.000": Vietnamese groups thousands with dots."""
    return f"{int(value):,}".replace(",", ".")
