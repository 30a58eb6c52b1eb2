"""/api/docs: the vendored Swagger UI over this backend's OpenAPI document, no CDN."""

from __future__ import annotations

import re
from typing import Any


async def test_docs_page_and_its_files_come_from_the_backend(client: Any) -> None:
    page = await client.get("/api/docs")
    assert page.status == 200 and page.content_type == "text/html"
    html = await page.text()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/api/docs/") for s in sources)  # nothing remote
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    for path in sources:
        asset = await client.get(path)
        assert asset.status == 200, path
        assert len(await asset.read()) > 100
    script = await (await client.get("/api/docs/docs.js")).text()
    assert "/api/openapi.json" in script
    assert (await client.get("/api/docs/..%2F..%2Fconfig.py")).status == 404
    assert (await client.get("/api/docs/nothing.js")).status == 404
