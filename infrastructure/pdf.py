"""PDF rendering with WeasyPrint that never reaches the network.

Fonts come from the system (fonts-dejavu) through fontconfig; any URL the document
names is refused, so a PDF is rendered the same offline and cannot be used to make the
server fetch something.
"""

import weasyprint
from weasyprint.urls import URLFetchingError


def refuse_fetch(url: str, *args, **kwargs):
    """WeasyPrint's url_fetcher: the agreement is self-contained, so every fetch fails."""
    if url.startswith("data:"):
        return weasyprint.default_url_fetcher(url, *args, **kwargs)
    raise URLFetchingError(f"External resources are not allowed: {url}")


def render_pdf(html: str) -> bytes:
    return weasyprint.HTML(string=html, url_fetcher=refuse_fetch, base_url=None).write_pdf()
