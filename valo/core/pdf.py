"""HTML to PDF (WeasyPrint): the yearly report's PDF and the letters' PDFs. Nothing is fetched: an
address in the HTML is refused (a data: URI, an image embedded in the page, is read in place)."""

from __future__ import annotations

from typing import Any


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"a PDF of valo fetches nothing ({url[:60]})")


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_no_fetching).write_pdf()
