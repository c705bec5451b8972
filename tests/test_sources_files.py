"""Reading files: every format becomes Documents, every bad input a Reject with a clear reason."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tracemalloc
from datetime import date, datetime
from pathlib import Path

import pytest

from fieldguide.model import Document, Reject
from fieldguide.sources import limits, read, read_many

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def read_all(target: Path | str) -> tuple[list[Document], list[Reject]]:
    docs: list[Document] = []
    rejects: list[Reject] = []
    for item in read(str(target)):
        (docs if isinstance(item, Document) else rejects).append(item)
    return docs, rejects


def copy_with_year(name: str, folder: Path, year: int) -> Path:
    target = folder / name
    shutil.copy(FIXTURES / name, target)
    stamp = datetime(year, 12, 31).timestamp()  # saved at the end of that year: after its dispatches
    os.utime(target, (stamp, stamp))
    return target


def test_text_dispatch_title_dateline_and_repairs(tmp_path: Path):
    path = copy_with_year("dispatch-factory.txt", tmp_path, 2024)
    (doc,), rejects = read_all(path)
    assert rejects == []
    assert doc.title == "Respected Comrade Kim Jong Un Inspects Machine Plant"
    # No metadata gives a date: the dateline does, with the year of the file's modification time.
    assert doc.published == date(2024, 8, 5)
    assert doc.kind == "dispatch"
    assert doc.origin == str(path)
    assert doc.text.startswith("Pyongyang, August 5 (KCNA) -- The respected Comrade Kim Jong Un visited")
    assert "fatherly Marshal Kim Jong Un put forward" in doc.text
    assert doc.original_text is not None and "ComradeKim Jong Unvisited" in doc.original_text
    start = doc.text.index("visited the Ryongsong")
    assert doc.original_text[doc.offsets.to_original(start) :].startswith("visited the Ryongsong")


def test_dateline_without_space_before_the_dash(tmp_path: Path):
    path = copy_with_year("dateline-nospace.txt", tmp_path, 2023)
    (doc,), _ = read_all(path)
    assert doc.title is None
    assert doc.published == date(2023, 3, 3)
    assert "a new fertilizer shop" in doc.text  # the stray break inside the sentence is joined
    assert doc.original_text is not None


def test_markdown_front_matter_gives_metadata():
    (doc,), _ = read_all(FIXTURES / "report.md")
    assert doc.title == "Analysts see new push in machine industry"
    assert doc.published == date(2024, 8, 6)
    assert doc.source == "Example Wire"
    assert doc.url == "https://example.invalid/wire/machine-industry"
    assert doc.kind == "report"
    assert doc.text.startswith("North Korean leader Kim Jong Un toured")
    assert doc.id == "doc-" + hashlib.sha1(doc.url.encode()).hexdigest()[:12]


def test_html_page_main_text_without_navigation_or_footer():
    (doc,), _ = read_all(FIXTURES / "page.html")
    assert doc.title == "Kim Jong Un Visits Munitions Enterprise"
    assert doc.published == date(2024, 9, 13)
    assert doc.url == "https://example.invalid/herald/2024/09/13/munitions"
    assert doc.text.startswith("Pyongyang, September 13 (KCNA) -- Kim Jong Un")
    assert "shells for multiple rocket launchers" in doc.text
    for junk in ("Subscribe", "Celebrity chef", "Privacy policy", "All rights reserved"):
        assert junk not in doc.text
    assert doc.kind == "dispatch"


def test_html_with_a_lying_charset_still_decodes():
    (doc,), _ = read_all(FIXTURES / "mislabeled-cp1252.html")
    assert "Le dirigeant nord-coréen a visité une usine" in doc.text
    assert doc.published == date(2024, 7, 10)


def test_html_soup_without_text_is_rejected(tmp_path: Path):
    path = tmp_path / "soup.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body><div><span></span></div></body></html>")
    docs, (reject,) = read_all(path)
    assert docs == []
    assert reject.reason == "no main text found in the HTML page"


def test_rss_feed_entries_become_documents():
    docs, rejects = read_all(FIXTURES / "feed.rss")
    assert rejects == []
    assert [d.title for d in docs] == ["Kim Jong Un Inspects Greenhouse Farm", "Delegation Leaves for Moscow"]
    first = docs[0]
    assert first.published == date(2024, 8, 5)  # the feed's own date, not moved to UTC
    assert first.url == "https://example.invalid/digest/greenhouse"
    assert first.id == "doc-" + hashlib.sha1(first.url.encode()).hexdigest()[:12]
    assert first.topic == "Economy"
    assert first.source == "Example KCNA Digest"
    assert first.kind == "dispatch"  # the text opens with a KCNA dateline
    assert "\n" in first.text and "<p>" not in first.text


def test_atom_feed_entries_become_documents():
    docs, rejects = read_all(FIXTURES / "feed.atom")
    assert rejects == []
    assert [d.published for d in docs] == [date(2024, 10, 1), date(2024, 10, 2)]
    assert all(d.kind == "report" for d in docs)
    assert docs[1].text.startswith("Commercial satellite imagery")


def test_a_feed_that_is_an_html_error_page_is_rejected():
    docs, (reject,) = read_all(FIXTURES / "error-page.xml")
    assert docs == []
    assert reject.reason == "not a feed: looks like an HTML page"


def test_json_array_fields_ids_and_rejects():
    docs, rejects = read_all(FIXTURES / "records.json")
    first, second = docs
    assert first.id == "test-001"
    assert first.title == "Kim Jong Un Sends Greetings to Lao President"
    assert first.published == date(2024, 12, 2)  # "December 2, 2024"
    assert first.source == "KCNA" and first.topic == "Diplomacy" and first.kind == "dispatch"
    assert second.id == "doc-" + hashlib.sha1(b"https://example.invalid/seoul/missile").hexdigest()[:12]
    assert second.published == date(2024, 11, 5)
    assert second.source == "Example Daily" and second.kind == "report"
    assert second.extra == {"outlet": "Example Daily", "reports_on": ["test-002"]}
    (reject,) = rejects
    assert reject.origin.endswith("records.json[2]")
    assert reject.reason.startswith("record has no text")


def test_json_object_and_id_from_text(tmp_path: Path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"text": "  A   report\r\nwithout id.  ", "source": "Example"}))
    (doc,), _ = read_all(path)
    assert doc.text == "A report without id."
    assert doc.id == "doc-" + hashlib.sha1(b"A report without id.").hexdigest()[:12]
    assert doc.original_text == "  A   report\r\nwithout id.  "
    assert read_all(path)[0][0].id == doc.id  # stable across reads


def test_truncated_json_is_rejected():
    docs, (reject,) = read_all(FIXTURES / "truncated.json")
    assert docs == []
    assert reject.reason.startswith("not JSON, truncated or malformed")


def test_jsonl_bad_line_is_rejected_and_the_rest_read():
    docs, (reject,) = read_all(FIXTURES / "records.jsonl")
    assert [d.id for d in docs] == ["jl-1", "jl-2", "jl-4"]
    assert reject.origin == f"{FIXTURES / 'records.jsonl'}:3"
    assert reject.reason.startswith("not JSON (")
    assert docs[2].origin.endswith("records.jsonl:4")
    assert docs[0].topic == "Politics"


def test_csv_rows_become_documents():
    docs, rejects = read_all(FIXTURES / "records.csv")
    assert rejects == []
    assert [d.id for d in docs] == ["csv-1", "csv-2"]
    assert docs[0].text.endswith("It will ease traffic in the capital.")
    assert docs[0].url is None and docs[0].extra == {}
    assert docs[1].published == date(2024, 6, 2)
    assert docs[1].origin.endswith("records.csv:4")


def test_korean_and_utf16_files(tmp_path: Path):
    (korean,), _ = read_all(FIXTURES / "korean-euckr.txt")
    assert korean.title == "김정은 동지께서 기계공장을 현지지도하시였다"
    assert korean.text.startswith("평양 8월 5일발 조선중앙통신")
    path = copy_with_year("dispatch-utf16.txt", tmp_path, 2024)
    (english,), _ = read_all(path)
    assert english.text.startswith("Pyongyang, July 27 (KCNA) -- Working people")
    assert english.published == date(2024, 7, 27)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("header-only.csv", b"id,title,text\n", "CSV has a header row but no records"),
        ("scalar.json", b'"just a string"', "JSON holds a str, not an object or an array of objects"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n", "empty file (only whitespace)"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file (NUL bytes)"),
        ("blob.bin", bytes(range(256)) * 8, "binary file (NUL bytes)"),
    ],
)
def test_empty_binary_and_shapeless_files_are_rejected(tmp_path: Path, name: str, content: bytes, reason: str):
    path = tmp_path / name
    path.write_bytes(content)
    docs, (reject,) = read_all(path)
    assert docs == []
    assert reject.reason == reason


def test_a_single_document_above_the_limit_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(limits, "MAX_DOCUMENT_BYTES", 1000)
    path = tmp_path / "huge.txt"
    path.write_text("word " * 2000)
    docs, (reject,) = read_all(path)
    assert docs == []
    assert "larger than the limit of 1000 bytes for one document" in reject.reason
    # A JSONL file far above the limit is fine while each line stays below it.
    lines = [json.dumps({"id": f"n{i}", "text": f"Dispatch number {i}."}) for i in range(200)]
    big = tmp_path / "many.jsonl"
    big.write_text("\n".join(lines) + "\n" + json.dumps({"id": "long", "text": "x " * 1000}) + "\n")
    docs, (reject,) = read_all(big)
    assert len(docs) == 200
    assert reject.origin.endswith("many.jsonl:201") and "limit" in reject.reason


def test_unknown_extensions_are_sniffed(tmp_path: Path):
    (tmp_path / "a.dat").write_bytes((FIXTURES / "records.jsonl").read_bytes())
    (tmp_path / "b.dat").write_bytes((FIXTURES / "page.html").read_bytes())
    (tmp_path / "c.dat").write_bytes((FIXTURES / "feed.atom").read_bytes())
    (tmp_path / "d.dat").write_text("Pyongyang, May 1 (KCNA) -- A plain note.\n")
    (tmp_path / "e.dat").write_bytes((FIXTURES / "records.json").read_bytes())
    titles = {
        p.name: [i.title if isinstance(i, Document) else i.reason for i in read(str(p))] for p in tmp_path.iterdir()
    }
    assert titles["a.dat"] == ["Meeting Held", "Exhibition Opens", titles["a.dat"][2], "Sports Contest"]
    assert titles["b.dat"] == ["Kim Jong Un Visits Munitions Enterprise"]
    assert len(titles["c.dat"]) == 2
    assert titles["d.dat"] == [None]
    assert titles["e.dat"][0] == "Kim Jong Un Sends Greetings to Lao President"


def test_folders_are_read_recursively_in_order_skipping_hidden(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_text("First note.\n")
    (tmp_path / "b" / "c.txt").write_text("Second note.\n")
    (tmp_path / ".hidden.txt").write_text("Hidden note.\n")
    (tmp_path / ".git" / "d.txt").write_text("Git note.\n")
    docs, rejects = read_all(tmp_path)
    assert rejects == []
    assert [d.text for d in docs] == ["First note.", "Second note."]


def test_folder_links_are_not_followed_out_of_the_folder_nor_round_a_loop(tmp_path: Path):
    folder = tmp_path / "saved"
    (folder / "sub").mkdir(parents=True)
    (folder / "note.txt").write_text("A real note.\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Outside the folder.\n")
    (folder / "etc").symlink_to(outside)  # a link out of the folder, as a link to /etc
    (folder / "sub" / "loop").symlink_to(folder)  # a loop back to the top
    (folder / "again").symlink_to(".")  # a loop onto itself
    (folder / "secret-file.txt").symlink_to(outside / "secret.txt")
    docs, rejects = read_all(folder)
    assert [d.text for d in docs] == ["A real note."]
    by_origin = {r.origin: r.reason for r in rejects}
    assert set(by_origin) == {str(folder / n) for n in ("etc", "sub/loop", "again", "secret-file.txt")}
    assert all("symbolic link" in reason and "not followed" in reason for reason in by_origin.values())
    assert str(outside) in by_origin[str(folder / "etc")]  # the reason names where the link points


def test_missing_paths_are_rejected_and_the_batch_goes_on(tmp_path: Path):
    items = list(read_many([str(tmp_path / "nope.txt"), str(FIXTURES / "records.csv")]))
    assert isinstance(items[0], Reject) and items[0].reason == "no such file or folder"
    assert [i.id for i in items[1:]] == ["csv-1", "csv-2"]


def test_jsonl_is_streamed_without_holding_the_file(tmp_path: Path):
    path = tmp_path / "big.jsonl"
    line = json.dumps({"source": "KCNA", "text": "Pyongyang, May 2 (KCNA) -- " + "A long dispatch text. " * 90})
    with path.open("w") as out:
        for i in range(8000):  # about 16 MB
            out.write(line.replace("A long", f"Number {i}, a long", 1) + "\n")
    tracemalloc.start()
    count = sum(1 for item in read(str(path)) if isinstance(item, Document))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 8000
    assert peak < 4 * 1024 * 1024, f"peak {peak} bytes while streaming a {path.stat().st_size} byte file"
