"""Bytes to text: BOMs, UTF-8, Korean legacy encodings, Western code pages, lying charsets, binary."""

from __future__ import annotations

import pytest

from fieldguide.errors import InputError
from fieldguide.sources.encoding import decode

KOREAN = "평양 8월 5일발 조선중앙통신. 김정은 동지께서 공장을 현지지도하시였다. 로동자들은 큰 성과를 거두었다.\n"
FRENCH = "Le dirigeant a visité l'usine à Pyongyang. Les ouvriers ont été félicités — « remarquable ».\n" * 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "euc-kr", "cp949"])
def test_korean_text_decodes_in_every_usual_encoding(encoding: str):
    text, _ = decode(KOREAN.encode(encoding))
    assert text == KOREAN


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-16"])
def test_western_text_decodes(encoding: str):
    text, _ = decode(FRENCH.encode(encoding))
    assert text == FRENCH


def test_a_meta_charset_that_lies_does_not_matter():
    html = '<html><head><meta charset="utf-8"><title>Café</title></head><body><p>Visité à Pyongyang.</p></body></html>'
    text, encoding = decode(html.encode("cp1252"))
    assert text == html
    assert encoding == "cp1252"


def test_binary_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4)


def test_control_characters_are_refused():
    with pytest.raises(InputError, match="binary"):
        decode(bytes(range(1, 32)) * 50)
