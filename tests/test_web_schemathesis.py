"""The JSON API against its own OpenAPI schema: schemathesis generates requests for every
operation (bounded examples) and no answer may be a server error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="pip install schemathesis for the API fuzz test")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from fieldguide.web.app import create_app  # noqa: E402
from web_fixtures import fill, knowledge  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    folder: Path = tmp_path_factory.mktemp("schemathesis")
    url = f"sqlite:///{folder / 'archive.db'}"
    fill(url, folder)
    app = create_app(url, kb=knowledge())
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    app.state.store.close()


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_makes_a_server_error(case: object) -> None:
    response = case.call()  # type: ignore[attr-defined]
    case.validate_response(response, checks=[not_a_server_error])  # type: ignore[attr-defined]
