"""Briefings and exports: the archive's facts as a cited brief (Markdown, HTML, JSON) and as
CSV, JSON or STIX 2.1 for other tools."""

from fieldguide.report.brief import Brief, Cited, Item, Section, SourceDoc
from fieldguide.report.compose import build_brief, build_story_brief
from fieldguide.report.html import render_html
from fieldguide.report.markdown import render_markdown

__all__ = [
    "Brief",
    "Cited",
    "Item",
    "Section",
    "SourceDoc",
    "build_brief",
    "build_story_brief",
    "render_html",
    "render_markdown",
]
