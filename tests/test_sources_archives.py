"""Zip and tar archives (with hostile members), nested archives, gzip files and WARC captures."""

from __future__ import annotations

import gzip
import io
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from fieldguide.model import Document, Reject
from fieldguide.sources import limits, read

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def split(target: Path) -> tuple[list[Document], list[Reject]]:
    items = list(read(str(target)))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Reject)]


def test_zip_members_are_read_like_files(tmp_path: Path):
    path = tmp_path / "batch.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(FIXTURES / "records.jsonl", "data/records.jsonl")
        z.write(FIXTURES / "dispatch-factory.txt", "data/dispatch.txt")
        z.write(FIXTURES / "feed.rss", "feeds/digest")  # no extension: sniffed as a feed
        z.writestr("data/.DS_Store", b"\x00\x01")
        z.writestr("__MACOSX/data/._dispatch.txt", b"\x00\x01")
    docs, rejects = split(path)
    assert [d.origin for d in docs[:1]] == [f"{path}!data/dispatch.txt"]
    assert {d.id for d in docs} >= {"jl-1", "jl-2", "jl-4"}
    assert sum(1 for d in docs if d.origin.startswith(f"{path}!feeds/digest")) == 2
    assert [r.origin for r in rejects] == [f"{path}!data/records.jsonl:3"]


def test_zip_traversal_members_are_refused(tmp_path: Path):
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("../../outside.txt", "Escaped note.")
        z.writestr("/etc/passwd.txt", "Absolute note.")
        z.writestr("fine.txt", "A fine note.")
    docs, rejects = split(path)
    assert [d.text for d in docs] == ["A fine note."]
    assert len(rejects) == 2
    assert all("unsafe member path" in r.reason for r in rejects)
    assert not (tmp_path.parent / "outside.txt").exists()


def test_zip_symlink_members_are_refused(tmp_path: Path):
    path = tmp_path / "links.zip"
    link = zipfile.ZipInfo("passwd.txt")
    link.create_system = 3  # Unix: the mode bits below are read
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(link, "/etc/passwd")
        z.writestr("fine.txt", "A fine note.")
    docs, (reject,) = split(path)
    assert [d.text for d in docs] == ["A fine note."]
    assert reject.origin == f"{path}!passwd.txt"
    assert "not a regular file" in reject.reason


def test_zip_bomb_like_member_is_refused_by_ratio(tmp_path: Path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("zeros.txt", b"0" * (20 * 1024 * 1024))
        z.writestr("note.txt", "A small note.")
    docs, (reject,) = split(path)
    assert [d.text for d in docs] == ["A small note."]
    assert reject.origin.endswith("!zeros.txt")
    assert "compression ratio" in reject.reason and "decompression bomb" in reject.reason


def test_member_and_total_limits_are_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(limits, "MAX_MEMBER_BYTES", 1000)
    monkeypatch.setattr(limits, "MAX_ARCHIVE_TOTAL_BYTES", 1500)
    path = tmp_path / "limits.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("a-big.txt", "word " * 400)
        z.writestr("b.txt", "note " * 160)
        z.writestr("c.txt", "note " * 160)
    docs, rejects = split(path)
    assert len(docs) == 1
    reasons = {r.origin.rsplit("!", 1)[1]: r.reason for r in rejects}
    assert "limit of 1000 bytes per member" in reasons["a-big.txt"]
    assert "limit of 1500 bytes in total" in reasons["c.txt"]


def make_tar(path: Path, members: dict[str, bytes], mode: str = "w:gz") -> None:
    with tarfile.open(path, mode) as t:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1717200000  # 2024-06-01
            t.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize("suffix", [".tar.gz", ".tgz"])
def test_tar_archives_with_traversal_and_links(tmp_path: Path, suffix: str):
    path = tmp_path / f"batch{suffix}"
    make_tar(
        path,
        {
            "b/dispatch.txt": b"Pyongyang, May 2 (KCNA) -- A member note.\n",
            "a/../../escape.txt": b"Escaped.",
            "/abs.txt": b"Absolute.",
        },
    )
    with tarfile.open(tmp_path / "links.tar", "w") as t:
        link = tarfile.TarInfo("link.txt")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        t.addfile(link)
    docs, rejects = split(path)
    (doc,) = docs
    assert doc.origin == f"{path}!b/dispatch.txt"
    assert doc.published is not None and doc.published.isoformat() == "2024-05-02"  # year from member mtime
    assert sorted(r.reason for r in rejects) == ["unsafe member path (absolute or with '..'); not read"] * 2
    _, (link_reject,) = split(tmp_path / "links.tar")
    assert "not a regular file" in link_reject.reason


def test_tar_bomb_is_refused(tmp_path: Path):
    path = tmp_path / "bomb.tar.gz"
    make_tar(path, {"zeros.txt": b"0" * (20 * 1024 * 1024)})
    docs, (reject,) = split(path)
    assert docs == []
    assert "compression ratio" in reject.reason


def test_damaged_archives_are_rejected(tmp_path: Path):
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 this is no archive")
    (tmp_path / "broken.tgz").write_bytes(b"\x1f\x8b\x08 this is no archive")
    assert "not a readable zip archive" in split(tmp_path / "broken.zip")[1][0].reason
    assert "tar archive" in split(tmp_path / "broken.tgz")[1][0].reason


def test_nested_zip_and_gzip_files(tmp_path: Path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("inner.txt", "Nested note.")
    path = tmp_path / "outer.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("inner.zip", inner.getvalue())
        z.writestr("records.jsonl.gz", gzip.compress((FIXTURES / "records.jsonl").read_bytes()))
    docs, _ = split(path)
    assert f"{path}!inner.zip!inner.txt" in {d.origin for d in docs}
    assert {"jl-1", "jl-2", "jl-4"} <= {d.id for d in docs}


def write_warc(path: Path) -> None:
    page = (FIXTURES / "page.html").read_bytes()
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        for uri, status, ctype, body in [
            ("https://example.invalid/herald/munitions", "200 OK", "text/html; charset=utf-8", page),
            ("https://example.invalid/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
            ("https://example.invalid/notes.txt", "200 OK", "text/plain", b"Pyongyang, May 2 (KCNA) -- Note."),
            ("https://example.invalid/gone", "404 Not Found", "text/html", b"<html><body>Gone</body></html>"),
        ]:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)
        request = writer.create_warc_record(
            "https://example.invalid/herald/munitions",
            "request",
            payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True),
        )
        writer.write_record(request)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_responses_become_documents(tmp_path: Path, name: str):
    path = tmp_path / name
    write_warc(path)
    docs, rejects = split(path)
    page, note = docs
    assert page.url == "https://example.invalid/herald/munitions"
    assert page.origin == f"{path}!https://example.invalid/herald/munitions"
    assert page.title == "Kim Jong Un Visits Munitions Enterprise"
    assert "Privacy policy" not in page.text
    assert note.text == "Pyongyang, May 2 (KCNA) -- Note." and note.kind == "dispatch"
    (gone,) = rejects
    assert gone.reason == "archived response is HTTP 404, not a page"


@pytest.mark.parametrize(("name", "cut"), [("crawl.warc", 20), ("crawl.warc.gz", 40), ("crawl.warc.gz", 90)])
def test_a_truncated_warc_record_is_a_named_reject(tmp_path: Path, name: str, cut: int):
    page = (FIXTURES / "page.html").read_bytes()
    path = tmp_path / name
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        for uri, body in [("https://example.invalid/herald/munitions", page), ("https://example.invalid/notes", page)]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - cut])  # the crawl stopped inside its last record
    docs, rejects = split(path)
    assert [d.url for d in docs] == ["https://example.invalid/herald/munitions"]
    (truncated,) = rejects
    assert truncated.origin.startswith(f"{path}!")
    assert "truncated WARC record" in truncated.reason
