"""`fieldguide export` in every format, on both back ends: what other tools read back.

Parquet reads back typed with pyarrow; GeoJSON is a FeatureCollection of [lon, lat] points in
Korea; the STIX bundle passes the OASIS validator with no error and no warning 401 (custom
objects without an extension definition); the FollowTheMoney entities pass the library's own
validation; the SQL views answer on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa
from followthemoney import model
from stix2validator import ValidationOptions, validate_instance
from typer.testing import CliRunner

from archive_fixtures import BACKENDS
from fieldguide.analyze.activities import activities
from fieldguide.cli import app
from fieldguide.errors import QueryError
from fieldguide.exports import Format, export_text, write_export
from fieldguide.exports.datasette import TABLES
from fieldguide.extract.pipeline import Extractor
from fieldguide.ingest import ingest
from fieldguide.kb import KnowledgeBase, load
from fieldguide.report.stix import EVENT_TYPE, EXTENSION_ID
from fieldguide.store import Store
from test_report import INPUTS

KOREA = {"lon": (124.0, 131.0), "lat": (33.0, 43.1)}  # the peninsula's bounding box
WHATS = ("events", "activities", "mentions", "documents", "links")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load()


@pytest.fixture(scope="module", params=BACKENDS)
def archive(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, str]]:
    """The report tests' dispatches and reports, ingested with extraction, on each back end."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('exports') / 'archive.db'}"
        engine = None
    else:
        pg_url = request.getfixturevalue("pg_url")
        schema = f"fg_test_{uuid.uuid4().hex[:12]}"
        engine = sa.create_engine(pg_url)
        with engine.begin() as conn:
            conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
        url = f"{pg_url}?options=-csearch_path%3D{schema}"
    try:
        with Store.open(url) as store:
            ingest([str(p) for p in INPUTS], store, extractor=Extractor(load()))
            yield store, url
    finally:
        if engine is not None:
            with engine.begin() as conn:
                conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
            engine.dispose()


def parquet(archive: tuple[Store, str], kb: KnowledgeBase, what: str, tmp_path: Path) -> pa.Table:
    store, url = archive
    path = tmp_path / f"{what}.parquet"
    with path.open("wb") as out:
        write_export(store, url, Format.parquet, what, None, None, out, kb)
    return pq.read_table(path)


# -- Parquet ----------------------------------------------------------------------------------


def test_parquet_events_read_back_with_typed_columns(archive: Any, kb: KnowledgeBase, tmp_path: Path) -> None:
    table = parquet(archive, kb, "events", tmp_path)
    types = dict(zip(table.schema.names, table.schema.types, strict=True))
    assert types["start"] == pa.date32() and types["published"] == pa.date32()
    assert types["event_index"] == pa.int64() and types["evidence_start"] == pa.int64()
    assert types["weapons"] == pa.list_(pa.string())
    rows = table.to_pylist()
    cruise = next(r for r in rows if r["id"] == "fx-rep-cruise-test#0")
    assert cruise["published"] == date(2024, 4, 20) and cruise["type"] == "weapons_test"
    text = archive[0].get_document("fx-rep-cruise-test").text
    assert text[cruise["evidence_start"] : cruise["evidence_end"]] == cruise["evidence"]


def test_parquet_activities_are_the_activities(archive: Any, kb: KnowledgeBase, tmp_path: Path) -> None:
    table = parquet(archive, kb, "activities", tmp_path)
    assert table.schema.field("date").type == pa.date32()
    assert table.schema.field("speech").type == pa.bool_()
    assert table.schema.field("reports").type == pa.int64()
    expected = [a.main_doc_id for a in activities(archive[0])]
    assert sorted(table.column("main_doc").to_pylist()) == sorted(expected)


@pytest.mark.parametrize("what", ["mentions", "documents", "links"])
def test_parquet_of_each_table_has_its_schema_and_rows(
    archive: Any, kb: KnowledgeBase, tmp_path: Path, what: str
) -> None:
    table = parquet(archive, kb, what, tmp_path)
    date_columns = [f.name for f in table.schema if f.type == pa.date32()]
    assert date_columns  # published, or the report's date
    assert table.num_rows > 0
    if what == "documents":
        assert archive[0].stats()["documents"] == table.num_rows
        assert table.schema.field("version").type == pa.int64()
    if what == "links":  # the example Yonhap report retells the munitions dispatch
        assert any(r["report_id"].startswith(("ex-report", "fx-rep-report")) for r in table.to_pylist())


# -- GeoJSON ----------------------------------------------------------------------------------


def test_geojson_is_a_feature_collection_of_points_in_korea(archive: Any, kb: KnowledgeBase) -> None:
    store, url = archive
    collection = json.loads(export_text(store, url, Format.geojson, None, None, None, kb))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert features
    for feature in features:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert KOREA["lon"][0] <= lon <= KOREA["lon"][1] and KOREA["lat"][0] <= lat <= KOREA["lat"][1]
        assert feature["properties"]["main_doc"] and feature["properties"]["place"]
    pyongyang = kb.place("Pyongyang")
    assert pyongyang is not None
    located = {tuple(f["geometry"]["coordinates"]): f["properties"]["place"] for f in features}
    assert located.get((pyongyang.lon, pyongyang.lat), "Pyongyang") == "Pyongyang"


# -- STIX ------------------------------------------------------------------------------------


def test_stix_bundle_passes_the_oasis_validator_without_warning_401(archive: Any, kb: KnowledgeBase) -> None:
    store, url = archive
    bundle = json.loads(export_text(store, url, Format.stix, None, None, None, kb))
    result = validate_instance(bundle, ValidationOptions(version="2.1"))
    assert result.is_valid, [str(e) for e in result.errors]
    assert not [str(w) for w in result.warnings or [] if "{401}" in str(w)]
    kinds = {o["type"] for o in bundle["objects"]}
    assert {"identity", "location", "report", "extension-definition", EVENT_TYPE} <= kinds
    events = [o for o in bundle["objects"] if o["type"] == EVENT_TYPE]
    assert all(e["extensions"][EXTENSION_ID] == {"extension_type": "new-sdo"} for e in events)


def test_stix_people_and_places_are_standard_objects_the_reports_reference(archive: Any, kb: KnowledgeBase) -> None:
    store, url = archive
    objects = json.loads(export_text(store, url, Format.stix, None, None, None, kb))["objects"]
    by_id = {o["id"]: o for o in objects}
    people = {o["name"] for o in objects if o["type"] == "identity" and o["identity_class"] == "individual"}
    assert "Ri Yong Gil" in people
    pyongyang = next(o for o in objects if o["type"] == "location" and o["name"] == "Pyongyang")
    assert pyongyang["country"] == "KP" and "latitude" in pyongyang
    reports = [o for o in objects if o["type"] == "report"]
    referenced = {ref for r in reports for ref in r["object_refs"]}
    assert all(ref in by_id for ref in referenced)
    assert {o["id"] for o in objects if o["type"] in ("location", EVENT_TYPE)} <= referenced


# -- FollowTheMoney --------------------------------------------------------------------------


def test_ftm_entities_pass_followthemoney_validation(archive: Any, kb: KnowledgeBase) -> None:
    store, url = archive
    text = export_text(store, url, Format.ftm, None, None, None, kb)
    entities = [json.loads(line) for line in text.splitlines()]
    ids = {e["id"] for e in entities}
    assert len(ids) == len(entities)
    for entity in entities:
        schema = model.get(entity["schema"])
        assert schema is not None
        assert schema.validate(entity) is None
        assert set(entity["properties"]) <= set(schema.properties), entity
        assert all(entity["properties"].get(name) for name in schema.required), entity
        for name, values in entity["properties"].items():
            if schema.properties[name].type.name == "entity":
                assert set(values) <= ids  # every reference is in the export
        assert model.get_proxy(entity).id == entity["id"]
    schemata = {e["schema"] for e in entities}
    assert {"Event", "Person", "Organization", "Article", "Mention"} <= schemata
    names = {e["id"]: e["properties"]["name"][0] for e in entities if e["schema"] == "Person"}
    drill = next(
        e for e in entities if e["schema"] == "Event" and e["properties"]["recordId"][0].startswith("ex-kcna-mrl-drill")
    )
    assert "Ri Yong Gil" in {names[i] for i in drill["properties"]["involved"]}


# -- CSV and JSON ----------------------------------------------------------------------------


@pytest.mark.parametrize("what", WHATS)
def test_csv_and_json_of_each_table_agree(archive: Any, kb: KnowledgeBase, what: str) -> None:
    store, url = archive
    lines = list(csv.DictReader(io.StringIO(export_text(store, url, Format.csv, what, None, None, kb))))
    records = json.loads(export_text(store, url, Format.json, what, None, None, kb))
    assert len(lines) == len(records)
    for cell in (v for line in lines for v in line.values()):
        assert not cell.startswith(("=", "+", "-", "@"))  # spreadsheet-safe (csv_output)


def test_since_and_until_narrow_every_table(archive: Any, kb: KnowledgeBase) -> None:
    store, url = archive
    april = json.loads(export_text(store, url, Format.json, "documents", date(2024, 4, 15), date(2024, 4, 21), kb))
    assert april and all("2024-04-15" <= d["published"] <= "2024-04-21" for d in april)
    acts = json.loads(export_text(store, url, Format.json, "activities", date(2024, 4, 15), date(2024, 4, 21), kb))
    assert acts and all("2024-04-15" <= (a["date"] or a["published"]) <= "2024-04-21" for a in acts)


def test_a_format_refuses_what_it_cannot_write(archive: Any, kb: KnowledgeBase) -> None:
    store, url = archive
    with pytest.raises(QueryError, match="only --what events"):
        export_text(store, url, Format.stix, "mentions", None, None, kb)
    with pytest.raises(QueryError, match="choose one of"):
        export_text(store, url, Format.csv, "weather", None, None, kb)


# -- Datasette -------------------------------------------------------------------------------


def test_sql_views_give_document_date_and_evidence(archive: Any) -> None:
    store, _ = archive
    with store.engine.connect() as conn:
        for view in TABLES:
            row = conn.execute(sa.text(f"SELECT * FROM {view} LIMIT 1")).mappings().one()
            assert row["doc_id"] and row["published"] and row["evidence"], view
        drill = conn.execute(
            sa.text("SELECT weapons, evidence FROM view_activities WHERE doc_id = 'ex-kcna-mrl-drill'")
        ).first()
        assert drill is not None and drill.evidence
        people = conn.execute(sa.text("SELECT name, evidence FROM view_people WHERE name = 'Ri Yong Gil'")).all()
        assert people and all("Ri Yong Gil" in p.evidence or "Ri" in p.evidence for p in people)


def test_datasette_metadata_describes_the_views(tmp_path: Path) -> None:
    db = tmp_path / "fieldguide.db"
    with Store.open(f"sqlite:///{db}"):
        pass  # an empty archive: export reads one and never creates it
    result = CliRunner().invoke(app, ["export", "--format", "datasette-metadata", "--db", str(db)])
    assert result.exit_code == 0, result.output
    metadata = json.loads(result.stdout)
    tables = metadata["databases"]["fieldguide"]["tables"]
    assert set(tables) == {"view_activities", "view_events", "view_people", "view_places", "view_weapons"}
    with Store.open(f"sqlite:///{db}") as store, store.engine.connect() as conn:
        for view, meta in tables.items():
            columns = set(conn.execute(sa.text(f"SELECT * FROM {view} LIMIT 0")).keys())
            assert set(meta["facets"]) <= columns and meta["sort_desc"] in columns, view


def test_cli_writes_parquet_to_a_file(archive: Any, tmp_path: Path) -> None:
    store, url = archive
    out = tmp_path / "acts.parquet"
    result = CliRunner().invoke(app, ["export", "-f", "parquet", "--what", "activities", "--db", url, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert pq.read_table(out).num_rows == len(activities(store))
