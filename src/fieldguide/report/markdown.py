"""The brief as Markdown (GitHub flavour): footnotes carry each citation."""

from __future__ import annotations

import re

from fieldguide.report.brief import Brief, Cited, Item, number_citations

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
EXCERPT = 160


def escape(text: str) -> str:
    """Backslash the characters Markdown would read as markup."""
    return _SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render_markdown(brief: Brief) -> str:
    numbers, notes = number_citations(brief)

    def cited(c: Cited) -> str:
        return f"{escape(c.text)}[^{numbers[(c.doc_id, *c.span)]}]"

    def sentences(item: Item) -> str:
        return " ".join(cited(c) for c in item.sentences)

    lines = [f"# {escape(brief.title)}", "", f"_{escape(_standfirst(brief))}_", ""]
    for section in brief.sections:
        lines += [f"## {section.title}", ""]
        label = None
        for item in section.items:
            if item.label and item.label != label:
                label = item.label
                if lines[-1]:
                    lines.append("")
                lines += [f"### {escape(label)}", ""]
            if item.heading:
                lines += [f"### {escape(item.heading)}", ""]
                lines += [f"- {cited(c)}" for c in item.sentences] + [""]
            elif item.quote:
                lines += [f"> {sentences(item)}", ""]
            else:
                lines.append(f"- {sentences(item)}")
        if section.items and not section.items[-1].heading and not section.items[-1].quote:
            lines.append("")
        if section.note:
            lines += [f"_{escape(section.note)}_", ""]
    if notes:
        lines += ["## Sources", ""]
        for note in notes:
            c = note.cited
            where = f"[{escape(c.doc_id)}]({c.link})" if c.link else f"`{c.doc_id}`"
            lines.append(
                f"[^{note.number}]: {where}, characters {c.span[0]}–{c.span[1]}: “{escape(excerpt(c.evidence))}”"
            )
        lines.append("")
    return "\n".join(lines)


def _standfirst(brief: Brief) -> str:
    activities = len(brief.section("need_to_know").items)
    docs = len(brief.sources)
    return (
        f"{activities} reported {'activity' if activities == 1 else 'activities'} of the leader, "
        f"{docs} {'document' if docs == 1 else 'documents'} cited. "
        "Every sentence cites its source: document id and character span."
    )
