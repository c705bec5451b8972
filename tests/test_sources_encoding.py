"""Bytes to text: BOMs, UTF-8, Korean legacy encodings, Western code pages, lying charsets, binary."""

from __future__ import annotations

import pytest

from fieldguide.errors import InputError
from fieldguide.sources.encoding import decode

KOREAN = "평양 8월 5일발 조선중앙통신. 김정은 동지께서 공장을 현지지도하시였다. 로동자들은 큰 성과를 거두었다.\n"
FRENCH = "Le dirigeant a visité l'usine à Pyongyang. Les ouvriers ont été félicités — « remarquable ».\n" * 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "euc-kr", "cp949"])
def test_korean_text_decodes_in_every_usual_encoding(encoding: str):
    text = decode(KOREAN.encode(encoding)).text
    assert text == KOREAN


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-16"])
def test_western_text_decodes(encoding: str):
    text = decode(FRENCH.encode(encoding)).text
    assert text == FRENCH


def test_a_meta_charset_that_lies_does_not_matter():
    html = '<html><head><meta charset="utf-8"><title>Café</title></head><body><p>Visité à Pyongyang.</p></body></html>'
    text, encoding, _ = decode(html.encode("cp1252"))
    assert text == html
    assert encoding == "cp1252"


def test_binary_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4)


def test_control_characters_are_refused():
    with pytest.raises(InputError, match="binary"):
        decode(bytes(range(1, 32)) * 50)


MIXED = "Pyongyang, August 5 (KCNA) -- Kim Jong Un gave field guidance to a factory.\n" + KOREAN * 3


@pytest.mark.parametrize("bad", [b"\xff", b"\xed\x95", b"\x80\x80"])
def test_one_bad_byte_in_utf8_text_is_replaced_not_a_reason_to_guess_a_code_page(bad: bytes):
    data = MIXED.encode("utf-8")
    middle = data.index("공장".encode())
    text, encoding, replaced = decode(data[:middle] + bad + data[middle:])
    assert encoding == "utf-8" and replaced >= 1
    assert text.replace("\ufffd", "") == MIXED
    assert decode(data[:middle] + bad + data[middle:]).warning.startswith("read as UTF-8 with")


def test_clean_text_has_no_warning():
    assert decode(MIXED.encode("utf-8")).warning is None
    assert decode(KOREAN.encode("euc-kr")).warning is None
