"""The leader's events as FollowTheMoney entities (JSON lines, as ``ftm`` and Aleph read them).

- ``Event``: one per exported event (``report.export``), with its dates, places, summary and
  evidence; ``organizer`` is its actor, ``involved`` the people named in it, ``proof`` its dispatch;
- ``Person`` for every person named, ``Organization`` for an actor the knowledge base does not
  know as a person (a bureau, an army unit) and for each agency that published a dispatch;
- ``Article`` for each dispatch (FtM's ``Document`` requires a file name; an article is a document);
- ``Mention`` for each stored mention of a person in those dispatches, resolved to its ``Person``.

Entities are built with the ``followthemoney`` library (which cleans every value) and written
as they are made; only the ids already written are remembered.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import IO, Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from fieldguide.kb import KnowledgeBase
from fieldguide.report.urls import web_url
from fieldguide.store import Store
from fieldguide.store.export_reads import person_mentions

CHUNK = 500  # event rows whose dispatches' mentions are read at once
PREFIX = "fieldguide"
UNIQUE = {"Event", "Mention"}  # made once each: one per event row, one per stored mention


def _entity(schema: str, *key: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id(PREFIX, schema.lower(), *key)
    return proxy


class _Entities:
    def __init__(self, store: Store, kb: KnowledgeBase) -> None:
        self.store = store
        self.kb = kb
        self.written: set[str] = set()

    def person(self, name: str) -> EntityProxy:
        proxy = _entity("Person", name)
        proxy.add("name", name)
        known = self.kb.person(name)
        if known is not None:
            proxy.add("alias", [a for a in known.aliases if a != name])
            proxy.add("nationality", known.country.lower())
        return proxy

    def actor(self, name: str) -> EntityProxy:
        if self.kb.person(name) is not None:
            return self.person(name)
        proxy = _entity("Organization", name)
        proxy.add("name", name)
        return proxy

    def article(self, row: dict[str, Any]) -> tuple[EntityProxy, EntityProxy | None]:
        proxy = _entity("Article", row["doc_id"])
        proxy.add("title", row.get("title") or row["doc_id"])
        proxy.add("name", row.get("title") or row["doc_id"])
        proxy.add("publishedAt", row.get("published"))
        proxy.add("sourceUrl", web_url(row.get("url")))
        publisher = None
        if row.get("source"):
            proxy.add("publisher", row["source"])
            publisher = _entity("Organization", row["source"])
            publisher.add("name", row["source"])
        return proxy, publisher

    def event(
        self, row: dict[str, Any], organizer: EntityProxy, people: Sequence[EntityProxy], article: EntityProxy
    ) -> EntityProxy:
        proxy = _entity("Event", row["id"])
        proxy.add("name", row.get("summary") or row["type"])
        proxy.add("summary", row.get("evidence"))
        proxy.add("keywords", [row["type"], *(row.get("weapons") or ()), *(row.get("designations") or ())])
        proxy.add("startDate", row.get("start") or row.get("published"))
        proxy.add("endDate", row.get("end"))
        proxy.add("location", [*(row.get("sites") or ()), *(row.get("places") or ())])
        proxy.add("country", "kp")
        proxy.add("organizer", organizer.id)
        proxy.add("involved", [p.id for p in people])
        proxy.add("proof", article.id)
        proxy.add("sourceUrl", web_url(row.get("link")))
        proxy.add("recordId", row["id"])
        return proxy

    def mentions_of(self, articles: dict[str, EntityProxy]) -> Iterator[EntityProxy]:
        """Mentions of people in these dispatches, each with the ``Person`` it resolves to."""
        found = person_mentions(self.store.engine, list(articles))
        for m in found:
            person = self.person(m.canonical)
            yield person
            proxy = _entity("Mention", str(m.doc_id), str(m.id))
            proxy.add("name", m.text)
            proxy.add("document", articles[m.doc_id].id)
            proxy.add("resolved", person.id)
            proxy.add("detectedSchema", "Person")
            yield proxy

    def entities(self, rows: Iterable[dict[str, Any]]) -> Iterator[EntityProxy]:
        iterator = iter(rows)
        while chunk := list(islice(iterator, CHUNK)):
            articles: dict[str, EntityProxy] = {}
            for row in chunk:
                article, publisher = self.article(row)
                if row["doc_id"] not in articles:
                    articles[row["doc_id"]] = article
                    yield article
                    if publisher is not None:
                        yield publisher
                people = [self.person(p["name"]) for p in row.get("people") or () if p.get("name")]
                organizer = self.actor(row["actor"])
                yield from (organizer, *people)
                yield self.event(row, organizer, people, article)
            yield from self.mentions_of(articles)


def ftm_entities(rows: Iterable[dict[str, Any]], store: Store, kb: KnowledgeBase) -> Iterator[dict[str, Any]]:
    """Each entity once, as the dict FtM tools read (``EntityProxy.to_dict``)."""
    maker = _Entities(store, kb)
    for proxy in maker.entities(rows):
        if proxy.id is None or proxy.id in maker.written:
            continue
        if proxy.schema.name not in UNIQUE:  # only what can come again is remembered
            maker.written.add(proxy.id)
        yield proxy.to_dict()


def write_ftm(rows: Iterable[dict[str, Any]], out: IO[str], store: Store, kb: KnowledgeBase) -> int:
    """The entities as JSON lines; returns how many."""
    count = 0
    for entity in ftm_entities(rows, store, kb):
        out.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
