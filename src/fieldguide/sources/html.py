"""Saved or fetched HTML pages: main text with trafilatura, title and date from the meta tags."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from fieldguide.model import Document, Reject
from fieldguide.sources.dates import parse_date
from fieldguide.sources.document import Hints, build

if TYPE_CHECKING:  # the HTML libraries are imported when a page is read (trafilatura is slow to import)
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

# Where pages state their publication date, most explicit first. trafilatura's own date guess is not
# used: it reads copyright lines and URLs and gives "2024-01-01" for a page with none.
_DATE_SELECTORS = (
    'meta[property="article:published_time"]',
    'meta[property="og:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="date"]',
    'meta[name="dc.date"]',
    'meta[name="DC.date"]',
    'meta[name="dcterms.date"]',
)
_TITLE_SELECTORS = ('meta[property="og:title"]', 'meta[name="twitter:title"]', 'meta[name="title"]')
_BLOCK_TAG = re.compile(r"(?i)<(?:/?(?:p|div|li|h[1-6]|tr|blockquote|section|article|pre)\b[^>]*|br\s*/?)>")


@dataclass(slots=True)
class PageMeta:
    title: str | None = None
    published: date | None = None
    url: str | None = None
    site: str | None = None


def _meta(tree: HTMLParser, selectors: tuple[str, ...]) -> str | None:
    for selector in selectors:
        node = tree.css_first(selector)
        content = node.attributes.get("content") if node is not None else None
        if content and content.strip():
            return content.strip()
    return None


def page_meta(html: str) -> PageMeta:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)
    title = _meta(tree, _TITLE_SELECTORS)
    if title is None:
        node = tree.css_first("title")
        title = node.text(strip=True) if node is not None else None
    published = parse_date(_meta(tree, _DATE_SELECTORS))
    if published is None:
        for node in tree.css("time"):
            published = parse_date(node.attributes.get("datetime") or "")
            if published:
                break
    canonical = tree.css_first('link[rel="canonical"]')
    url = (canonical.attributes.get("href") if canonical is not None else None) or _meta(
        tree, ('meta[property="og:url"]',)
    )
    return PageMeta(title or None, published, url or None, _meta(tree, ('meta[property="og:site_name"]',)))


def main_text(html: str, url: str | None = None) -> str | None:
    """The page's main text, navigation and boilerplate dropped; None when there is none."""
    import trafilatura

    try:
        text = trafilatura.extract(
            html,
            url=url,
            include_comments=False,
            include_tables=True,
            include_images=False,
            deduplicate=False,
        )
    except Exception:  # trafilatura raises assorted lxml errors on broken markup: that is "no text"
        return None
    return text.strip() if text and text.strip() else None


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed entry's summary): block tags become line breaks."""
    if "<" not in html:
        return html.strip()
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(_BLOCK_TAG.sub("\n", html))
    for node in tree.css("script, style"):
        node.decompose()
    root = tree.body or tree.root
    text = root.text(separator="") if root is not None else ""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


MAX_PHOTOS = 40
MAX_CAPTION = 500  # characters
_CAPTION_CLASS = '[class*="caption"], [class*="Caption"]'


def page_photos(html: str, base_url: str | None = None) -> list[dict[str, str]]:
    """The page's captioned photographs: ``{"src": absolute http(s) URL, "caption": text}`` in page
    order. A caption is a figure's <figcaption>, else the caption element (class "...caption...")
    beside the only image of its block, else the image's alt or title text. Images without a
    caption (logos, icons) and addresses other than http(s) (data:, javascript:) are left out."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)
    for node in tree.css("script, style, nav, header, footer"):
        node.decompose()
    found: dict[str, str] = {}
    for img in tree.css("img"):
        if len(found) >= MAX_PHOTOS:
            break
        src = _photo_src(img.attributes, base_url)
        caption = _caption_of(img)
        if src and caption and src not in found:
            found[src] = caption
    return [{"src": src, "caption": caption} for src, caption in found.items()]


def _photo_src(attributes: dict[str, Any], base_url: str | None) -> str | None:
    raw = attributes.get("src") or attributes.get("data-src")
    if not raw or not isinstance(raw, str):
        return None
    url = urljoin(base_url, raw.strip()) if base_url else raw.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _clean_caption(text: str | None) -> str | None:
    if not text:
        return None
    words = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return words[:MAX_CAPTION] or None


def _caption_of(img: Any) -> str | None:
    block = img.parent
    for _ in range(3):  # the figure, or the block around the image, a few levels up at most
        if block is None:
            break
        if block.tag == "figure":
            caption = block.css_first("figcaption")
            if caption is not None:
                return _clean_caption(caption.text(separator=" "))
        if len(block.css("img")) == 1:
            caption = block.css_first(_CAPTION_CLASS)
            if caption is not None and caption is not img:
                return _clean_caption(caption.text(separator=" "))
        block = block.parent
    return _clean_caption(img.attributes.get("alt") or img.attributes.get("title"))


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.search(r"<(?:html|head|body)[\s>]", head))


def _drop_title_line(text: str, title: str | None) -> str:
    """trafilatura repeats the headline as the first line; the title field holds it already."""
    if not title:
        return text
    first, _, rest = text.partition("\n")
    if rest and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest.lstrip("\n")
    return text


def extract_page(html: str, url: str | None = None) -> tuple[str | None, PageMeta]:
    """The page's main text (its headline line dropped) and its metadata."""
    meta = page_meta(html)
    text = main_text(html, url or meta.url)
    return (_drop_title_line(text, meta.title) if text else None), meta


def read_html(html: str, origin: str, hints: Hints, url: str | None = None) -> Document | Reject:
    text, meta = extract_page(html, url or hints.url)
    page_url = url or hints.url or meta.url
    if text is None:
        return Reject(origin, "no main text found in the HTML page")
    extra: dict[str, object] = {}
    if meta.site:
        extra["site_name"] = meta.site
    photos = page_photos(html, page_url)
    if photos:
        extra["photos"] = photos  # captions and image addresses, for the story brief
    return build(
        text,
        origin=origin,
        title=meta.title,
        published=meta.published,
        source=hints.source or meta.site,
        url=page_url,
        extra=extra,
        year_hint=hints.year,
        not_after=hints.day,
    )
