"""The brief as one self-contained HTML file: inline CSS (with print rules), no scripts,
no external assets; numbered notes link each sentence to the document and its span."""

from __future__ import annotations

import html

from fieldguide.report.activity_chart import activity_chart_svg
from fieldguide.report.brief import Brief, Cited, Item, number_citations
from fieldguide.report.korea_map import MapPoint, korea_map_svg
from fieldguide.report.markdown import _standfirst, excerpt
from fieldguide.report.urls import web_url
from fieldguide.visible import visible

# Nothing but the inline stylesheet may load or run: should a source's text ever get past
# the escaping, the browser still refuses scripts, remote images, frames and form posts.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

STYLE = """
:root { --ink: #1d232a; --muted: #5b6570; --rule: #d5dae0; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 46rem; padding: 2rem 1.25rem 4rem; color: var(--ink);
  font: 16px/1.55 Georgia, "Times New Roman", serif; background: #fff; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .4rem; }
h2 { font: 600 1.05rem/1.3 system-ui, sans-serif; text-transform: uppercase; letter-spacing: .04em;
  border-bottom: 2px solid var(--ink); padding-bottom: .2rem; margin: 2.2rem 0 .8rem; }
h3 { font: 600 1rem/1.35 system-ui, sans-serif; margin: 1.3rem 0 .4rem; }
.standfirst, .note { color: var(--muted); font-style: italic; }
ul { padding-left: 1.2rem; } li { margin: .35rem 0; }
blockquote { margin: .8rem 0; padding: .2rem 0 .2rem 1rem; border-left: 3px solid var(--rule); }
sup.cite { font: .7rem system-ui, sans-serif; margin-left: .1rem; }
sup.cite a { color: var(--accent); text-decoration: none; }
ol.notes { font: .8rem/1.45 system-ui, sans-serif; color: var(--muted); padding-left: 1.6rem; }
ol.notes li { margin: .3rem 0; } ol.notes a { color: var(--accent); }
ol.notes q { font-style: italic; }
code { font: .78rem ui-monospace, monospace; }
.figures { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; margin: 1.2rem 0; }
figure { margin: 0; } figcaption { font: .75rem/1.3 system-ui, sans-serif; color: var(--muted); }
svg a text { text-decoration: underline; }
.photos figure { margin: .8rem 0; }
@media print {
  @page { margin: 18mm 16mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  li, blockquote, figure { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  ol.notes a.source::after { content: " <" attr(href) ">"; word-break: break-all; }
}
"""


def escape(text: str) -> str:
    """``text`` as HTML text or attribute value; control characters shown as escapes."""
    return html.escape(visible(text))


def render_html(brief: Brief) -> str:
    numbers, notes = number_citations(brief)

    def cited(c: Cited) -> str:
        n = numbers[(c.doc_id, *c.span)]
        return f'{escape(c.text)}<sup class="cite"><a href="#note-{n}">{n}</a></sup>'

    def sentences(item: Item) -> str:
        return " ".join(cited(c) for c in item.sentences)

    body = [f"<h1>{escape(brief.title)}</h1>", f'<p class="standfirst">{escape(_standfirst(brief))}</p>']
    body += _figures(brief)
    for section in brief.sections:
        body.append(f'<section id="{escape(section.key)}"><h2>{escape(section.title)}</h2>')
        label = None
        bullets: list[str] = []
        for number, item in enumerate(section.items, start=1):
            if item.label and item.label != label:
                body += _flush(bullets)
                label = item.label
                body.append(f"<h3>{escape(label)}</h3>")
            if item.heading:
                body += _flush(bullets)
                anchor = f' id="detail-{number}"' if section.key == "details" else ""
                body.append(f"<h3{anchor}>{escape(item.heading)}</h3>")
                if item.prose:
                    body.append(f"<p>{sentences(item)}</p>")
                else:
                    body.append("<ul>" + "".join(f"<li>{cited(c)}</li>" for c in item.sentences) + "</ul>")
            elif item.quote:
                body += _flush(bullets)
                body.append(f"<blockquote>{sentences(item)}</blockquote>")
            else:
                bullets.append(f"<li>{sentences(item)}</li>")
        body += _flush(bullets)
        if section.note:
            body.append(f'<p class="note">{escape(section.note)}</p>')
        body.append("</section>")
        if section.key == "details":
            body += _photos(brief)
    if notes:
        body.append('<section id="sources"><h2>Sources</h2><ol class="notes">')
        body += [f'<li id="note-{note.number}">{_note(note.cited)}</li>' for note in notes]
        body.append("</ol></section>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(brief.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _figures(brief: Brief) -> list[str]:
    """The activity chart and the map of the sites, side by side (stacked when narrow)."""
    figures = []
    if brief.since and brief.until:
        chart = activity_chart_svg(brief.chart, brief.since, brief.until)
        if chart:
            figures.append(f"<figure>{chart}<figcaption>The leader's activities, by kind</figcaption></figure>")
    if brief.sites:
        points = [MapPoint(s.label, s.lat, s.lon, f"#detail-{s.detail}" if s.detail else None) for s in brief.sites]
        figures.append(
            f"<figure>{korea_map_svg(points, width=260, title='Sites of the activities')}"
            "<figcaption>Sites the knowledge base locates (approximate)</figcaption></figure>"
        )
    return ['<div class="figures">' + "".join(figures) + "</div>"] if figures else []


def _photos(brief: Brief) -> list[str]:
    """The dispatch's photographs as their captions, each linked to its image (not loaded: the
    page loads nothing from elsewhere)."""
    if not brief.photos:
        return []
    links = [(web_url(p.src), p.caption) for p in brief.photos]
    items = "".join(
        f'<li><a class="photo" href="{escape(url)}">{escape(caption)}</a></li>' for url, caption in links if url
    )
    return [f'<section id="photos"><h2>Photographs</h2><ul class="photos">{items}</ul></section>'] if items else []


def _flush(bullets: list[str]) -> list[str]:
    if not bullets:
        return []
    out = ["<ul>" + "".join(bullets) + "</ul>"]
    bullets.clear()
    return out


def _note(c: Cited) -> str:
    link = c.link
    name = f"<code>{escape(c.doc_id)}</code>"
    where = f'<a class="source" href="{escape(link)}">{name}</a>' if link else name
    return f"{where}, characters {c.span[0]}–{c.span[1]}: <q>{escape(excerpt(c.evidence))}</q>"
