"""The web app: every page is also JSON at the same path plus ``.json`` (Datasette's way), and
described at /openapi.json. A route reads its parameters, calls one function of
``fieldguide.report.pages`` (or ``document_page``) and renders what it returns.

    app = create_app("sqlite:///fieldguide.db")            # reading open on loopback
    app = create_app(url, token="s3cret", every_request=True)  # a server others reach
"""

from __future__ import annotations

import functools
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from importlib import resources
from typing import Any
from urllib.parse import quote

import anyio.to_thread
import orjson
from fastapi import FastAPI, Form, HTTPException, Path, Query, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from fieldguide.errors import FieldguideError, NotFoundError, StatementTimeoutError
from fieldguide.kb import KnowledgeBase
from fieldguide.report import pages
from fieldguide.report.correction_form import review_page, submit_correction
from fieldguide.report.document_page import document_page
from fieldguide.store import Store
from fieldguide.store.engine import Pooling
from fieldguide.web.cache import CHECK_SECONDS, DEFAULT_MAX_BYTES, Answer, PageCache
from fieldguide.web.render import doc_path, render
from fieldguide.web.security import AccessRules, token_matches

Page = Callable[..., dict[str, Any]]

# Pages are made in threads; on a machine of few cores more at once only share the cores and
# hold more memory (a connection, rows, a page being rendered each). The others wait their turn.
# Three rather than eight: on 2 cores, eight threads took turns at the GIL so often that one
# process made ~25% fewer pages a second anew on SQLite (as many on PostgreSQL) with twice the RSS;
# three leave one free while two slow pages are being made.
PAGE_THREADS = 3
# Connections for those threads (a page may hold two or three at once), with SQLite page caches
# smaller than a command's: sixteen connections of 64 MB made most of a server's 770 MB.
SERVER_POOLING = Pooling(connections=8, overflow=16, page_cache_mb=16)


def _status(error: FieldguideError) -> int:
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, StatementTimeoutError):
        return 503
    return 400  # a query, a name or a knowledge base the request gave


def _as_page(path: str, template: str, summary: str) -> Callable[[Page], Callable[[FastAPI], None]]:
    """Register ``fn`` (which returns the page's data) at ``path`` as HTML and at
    ``path.json`` as JSON; the JSON route first, so that ``{id}`` never swallows ``.json``."""

    def decorate(fn: Page) -> Callable[[FastAPI], None]:
        @functools.wraps(fn)
        def as_json(*args: Any, **kwargs: Any) -> Response:
            def make() -> Answer:
                return Answer(bytes(JSONResponse(fn(*args, **kwargs)).body), "application/json")

            return _kept(kwargs["request"], "json", make)

        @functools.wraps(fn)
        def as_html(*args: Any, **kwargs: Any) -> Response:
            request: Request = kwargs["request"]

            def make() -> Answer:
                data = fn(*args, **kwargs)
                query = f"?{request.url.query}" if request.url.query else ""
                json_link = f"{quote(request.url.path, safe='/')}.json{query}"
                token_needed = request.app.state.token is not None
                page = render(template, data=data, json_link=json_link, token_needed=token_needed)
                return Answer(page.encode(), "text/html")

            return _kept(request, "html", make)

        def register(app: FastAPI) -> None:
            app.get(f"{path}.json", summary=f"{summary} (JSON)", operation_id=f"{fn.__name__}_json")(as_json)
            app.get(path, summary=summary, response_class=HTMLResponse, operation_id=fn.__name__)(as_html)

        return register

    return decorate


def _kept(request: Request, kind: str, make: Callable[[], Answer]) -> Response:
    """The answer to this request as made for the archive's present state, made now if it was not
    kept (web/cache.py): a page is a function of its path, its query and the archive."""
    cache: PageCache = request.app.state.cache
    answer = cache.get_or_make((kind, request.url.path, request.url.query), make)
    return Response(answer.body, media_type=answer.media_type)


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _kb(request: Request) -> KnowledgeBase:
    kb: KnowledgeBase = request.app.state.kb
    return kb


SinceQuery = Query(None, description="On or after this day (YYYY-MM-DD).")
UntilQuery = Query(None, description="On or before this day (YYYY-MM-DD).")


@_as_page("/", "home.html", "What is new: latest dispatches and activities, first appearances, days since")
def home(request: Request) -> dict[str, Any]:
    return pages.home_page(_store(request), _kb(request))


@_as_page("/search", "search.html", "Full-text search with highlighted snippets and facets")
def search(
    request: Request,
    q: str = Query("", max_length=1000, description='Words, "phrases", AND/OR/NOT, -word, prefix*.'),
    since: date | None = SinceQuery,
    until: date | None = UntilQuery,
    source: str | None = Query(None, max_length=200),
    type: str | None = Query(None, max_length=100, description="Only documents with an event of this type."),
    page: int = Query(1, ge=1, le=25),
) -> dict[str, Any]:
    params = pages.SearchParams(q, since, until, source or None, type or None, page)
    return pages.search_page(_store(request), params, functools.partial(_kept_facets, request))


def _kept_facets(request: Request, p: pages.SearchParams) -> dict[str, Any]:
    """A search's facets, counted once per state of the archive for all its pages, HTML and JSON."""
    key = ("facets", p.q, p.since, p.until, p.source, p.type)

    def make() -> Answer:
        return Answer(orjson.dumps(pages.search_facets_json(_store(request), p)), "application/json")

    facets: dict[str, Any] = orjson.loads(request.app.state.cache.get_or_make(key, make).body)
    return facets


@_as_page("/documents/{doc_id}", "document.html", "A document with every extracted fact highlighted")
def document(request: Request, doc_id: str = Path(..., max_length=1000)) -> dict[str, Any]:
    return document_page(_store(request), doc_id).to_json()


@_as_page("/appearances", "appearances.html", "The leader's public appearances, per week, and his absences")
def appearances(request: Request, since: date | None = SinceQuery, until: date | None = UntilQuery) -> dict[str, Any]:
    return pages.appearances_page(_store(request), since, until)


@_as_page("/events", "events.html", "Stored events matching every filter, latest first")
def events(
    request: Request,
    type: str | None = Query(None, max_length=100),
    weapon: str | None = Query(None, max_length=200),
    person: str | None = Query(None, max_length=200),
    place: str | None = Query(None, max_length=200),
    since: date | None = SinceQuery,
    until: date | None = UntilQuery,
) -> dict[str, Any]:
    return pages.events_page(
        _store(request), type or None, weapon or None, person or None, place or None, since, until
    )


@_as_page("/dossiers/{name}", "dossier.html", "Everything on a person, weapon, place or facility")
def dossier(request: Request, name: str = Path(..., max_length=200)) -> dict[str, Any]:
    return pages.dossier_page(_store(request), name, _kb(request))


@_as_page("/map", "map.html", "The places of the leader's activities on an outline of Korea")
def map_(request: Request, since: date | None = SinceQuery, until: date | None = UntilQuery) -> dict[str, Any]:
    return pages.map_page(_store(request), _kb(request), since, until)


@_as_page("/brief", "brief.html", "The briefing on a period or on one story")
def brief(
    request: Request,
    since: date | None = SinceQuery,
    until: date | None = UntilQuery,
    story: str | None = Query(None, max_length=1000, description="A document id: the brief for its story."),
) -> dict[str, Any]:
    return pages.brief_page(_store(request), since, until, story or None)


@_as_page("/review", "review.html", "The review queue: extracted events, least likely right first")
def review(request: Request, page: int = Query(1, ge=1, le=1000)) -> dict[str, Any]:
    return review_page(_store(request), page)


PAGES = (home, search, document, appearances, events, dossier, map_, brief, review)


def _writable(request: Request, token: str | None) -> Store:
    """The archive opened for writing (once, on the first write), after the token check: with a
    token configured a write needs it (the Authorization header, or the form's token field)."""
    configured: str | None = request.app.state.token
    if configured is not None and not (request.state.authorized or token_matches(token, configured)):
        raise HTTPException(401, "A correction needs the token.", headers={"WWW-Authenticate": "Bearer"})
    with request.app.state.write_lock:
        if request.app.state.write_store is None:
            request.app.state.write_store = Store.open(request.app.state.url, "write")
        store: Store = request.app.state.write_store
    return store


def add_correction(
    request: Request,
    doc_id: str = Path(..., max_length=1000),
    fact_kind: str = Form(..., max_length=20, description="event, person, place, weapon or site"),
    action: str = Form(..., max_length=20, description="reject, fix or add"),
    reason: str = Form(..., max_length=2000),
    author: str = Form(..., max_length=200, description="Who makes the correction."),
    token: str | None = Form(None, max_length=500, description="The server's token, when it has one."),
    target_span: str | None = Form(None, max_length=40, description="The fact's evidence span START-END."),
    target_value: str | None = Form(None, max_length=500, description="The fact's original value."),
    type: str | None = Form(None, max_length=100),
    start: str | None = Form(None, max_length=20),
    end: str | None = Form(None, max_length=20),
    sites: str | None = Form(None, max_length=1000),
    places: str | None = Form(None, max_length=1000),
    weapons: str | None = Form(None, max_length=1000),
    designations: str | None = Form(None, max_length=1000),
    people: str | None = Form(None, max_length=1000),
    actor: str | None = Form(None, max_length=200),
    sector: str | None = Form(None, max_length=100),
    name: str | None = Form(None, max_length=500),
) -> dict[str, Any]:
    form = {
        "fact_kind": fact_kind, "action": action, "reason": reason, "target_span": target_span,
        "target_value": target_value, "type": type, "start": start, "end": end, "sites": sites,
        "places": places, "weapons": weapons, "designations": designations, "people": people,
        "actor": actor, "sector": sector, "name": name,
    }  # fmt: skip
    made = submit_correction(_writable(request, token), doc_id, form, author).to_json()
    request.app.state.cache.expire()  # the pages kept show the archive before it: read its state again
    return made


@functools.wraps(add_correction)
def add_correction_json(*args: Any, **kwargs: Any) -> JSONResponse:
    """Record a correction of a document's fact; it wins over extraction everywhere."""
    return JSONResponse(add_correction(*args, **kwargs), status_code=201)


@functools.wraps(add_correction)
def add_correction_form(*args: Any, **kwargs: Any) -> RedirectResponse:
    """Record a correction from the document page's form, then show the page again."""
    made = add_correction(*args, **kwargs)
    return RedirectResponse(f"{doc_path(made['doc_id'])}#facts", status_code=303)


def brief_file(
    request: Request,
    format: str = Path(..., pattern="^(md|html)$"),
    since: date | None = SinceQuery,
    until: date | None = UntilQuery,
    story: str | None = Query(None, max_length=1000),
) -> Response:
    """The briefing as a Markdown or HTML file to download."""
    text, media_type, name = pages.brief_download(_store(request), since, until, story or None, format)
    return Response(text, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _wants_json(request: Request) -> bool:
    """Whether an error answers as JSON: at a ``.json`` path, or to a client that is no browser."""
    return request.url.path.endswith(".json") or "text/html" not in request.headers.get("accept", "")


def _error_page(status: int, message: str) -> HTMLResponse:
    return HTMLResponse(render("error.html", status=status, message=message, json_link=""), status)


def _error_handler(request: Request, error: Exception) -> Response:
    status = _status(error) if isinstance(error, FieldguideError) else 500
    message = f"{getattr(error, 'code', 'E000')}: {error}"
    if _wants_json(request):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return _error_page(status, message)


def _field(location: Any) -> str:
    """A parameter's name in a validation error's location (``("query", "page")``: page)."""
    parts = [str(part) for part in location[1:]] or [str(part) for part in location]
    return ".".join(parts)


async def _invalid_request_handler(request: Request, error: Exception) -> Response:
    """A parameter out of its bounds: FastAPI's JSON (422) for the API, a page for a browser."""
    assert isinstance(error, RequestValidationError)
    if _wants_json(request):
        return await request_validation_exception_handler(request, error)
    problems = "; ".join(f"{_field(e.get('loc', ()))}: {e.get('msg', 'not valid')}" for e in error.errors())
    return _error_page(422, f"The request's parameters are not valid: {problems}")


@asynccontextmanager
async def _page_threads(app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = PAGE_THREADS
    yield


def create_app(
    url: str,
    token: str | None = None,
    every_request: bool = False,
    kb: KnowledgeBase | None = None,
    cache_bytes: int = DEFAULT_MAX_BYTES,
    cache_check_seconds: float = CHECK_SECONDS,
) -> FastAPI:
    """The app over the archive at ``url``, opened read-only (a pool of connections);
    ``every_request``: every request needs the bearer token (a server others reach);
    ``cache_bytes``: the memory the answers kept for the archive's present state may take (0: none);
    ``cache_check_seconds``: how often the archive's state is read (0: on every request)."""
    from fieldguide.kb import load

    app = FastAPI(
        title="fieldguide",
        summary="Evidence-linked records of who did what, where, when, with which weapons.",
        version="1",
        docs_url=None,  # the interactive docs load scripts from a CDN: none here
        redoc_url=None,
        lifespan=_page_threads,
    )
    app.state.store = Store.open(url, "read", pooling=SERVER_POOLING)
    app.state.cache = PageCache(app.state.store.generation, max_bytes=cache_bytes, check_seconds=cache_check_seconds)
    app.state.kb = kb or load()
    app.state.token = token
    app.state.url = url
    app.state.write_store = None  # opened on the first correction
    app.state.write_lock = threading.Lock()
    app.add_middleware(AccessRules, token=token, every_request=every_request)
    app.add_exception_handler(FieldguideError, _error_handler)
    app.add_exception_handler(RequestValidationError, _invalid_request_handler)
    for register in PAGES:
        register(app)
    app.get("/brief/download.{format}", summary="The briefing as a file", operation_id="brief_file")(brief_file)
    corrections = "/documents/{doc_id}/corrections"
    app.post(f"{corrections}.json", operation_id="add_correction_json", status_code=201)(add_correction_json)
    app.post(corrections, operation_id="add_correction", status_code=303, response_class=RedirectResponse)(
        add_correction_form
    )
    static = resources.files("fieldguide.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app
