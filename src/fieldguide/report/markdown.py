"""The brief as Markdown (GitHub flavour): footnotes carry each citation."""

from __future__ import annotations

from fieldguide.report import markdown_escape as md
from fieldguide.report.brief import Brief, Cited, Item, number_citations

EXCERPT = 160


def excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render_markdown(brief: Brief) -> str:
    numbers, notes = number_citations(brief)

    def cited(c: Cited) -> str:
        return f"{md.text(c.text)}[^{numbers[(c.doc_id, *c.span)]}]"

    def sentences(item: Item) -> str:
        return " ".join(cited(c) for c in item.sentences)

    lines = [f"# {md.text(brief.title)}", "", f"_{md.text(_standfirst(brief))}_", ""]
    for section in brief.sections:
        lines += [f"## {md.text(section.title)}", ""]
        label = None
        for item in section.items:
            if item.label and item.label != label:
                label = item.label
                if lines[-1]:
                    lines.append("")
                lines += [f"### {md.text(label)}", ""]
            if item.heading:
                lines += [f"### {md.text(item.heading)}", ""]
                if item.prose:
                    lines += [sentences(item), ""]
                else:
                    lines += [f"- {cited(c)}" for c in item.sentences] + [""]
            elif item.quote:
                lines += [f"> {sentences(item)}", ""]
            else:
                lines.append(f"- {sentences(item)}")
        if section.items and not section.items[-1].heading and not section.items[-1].quote:
            lines.append("")
        if section.note:
            lines += [f"_{md.text(section.note)}_", ""]
        if section.key == "details":
            lines += _photos(brief)
    if notes:
        lines += ["## Sources", ""]
        for note in notes:
            c = note.cited
            where = md.link(c.doc_id, c.link) or md.code(c.doc_id)
            lines.append(
                f"[^{note.number}]: {where}, characters {c.span[0]}–{c.span[1]}: “{md.text(excerpt(c.evidence))}”"
            )
        lines.append("")
    return "\n".join(lines)


def _photos(brief: Brief) -> list[str]:
    """The dispatch's photographs: each caption a link to its image (never an embedded image)."""
    shown = [md.link(p.caption, p.src) for p in brief.photos]
    links = [f"- {link}" for link in shown if link]
    return ["## Photographs", "", *links, ""] if links else []


def _standfirst(brief: Brief) -> str:
    activities = len(brief.section("need_to_know").items)
    docs = len(brief.sources)
    return (
        f"{activities} reported {'activity' if activities == 1 else 'activities'} of the leader, "
        f"{docs} {'document' if docs == 1 else 'documents'} cited. "
        "Every sentence cites its source: document id and character span."
    )
