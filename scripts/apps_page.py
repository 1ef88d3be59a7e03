#!/usr/bin/env python3
"""Generate the Apps page, static/description/index.html, from the readme/ fragments, as OCA's
`oca-gen-addon-readme` does: the manifest's name and summary, then DESCRIPTION, Configuration
(CONFIGURE), Usage (USAGE and the capability pages it lists under readme/usage/), Known issues /
Roadmap (ROADMAP), Bug Tracker and Credits (authors, CONTRIBUTORS, maintainers).

OCA's tool converts Markdown fragments with pandoc, which is not a Python package; this renders
them with Python-Markdown (requirements-lint.txt). The page is committed; `.ci/lint.sh` runs
`--check`, which fails when it differs from what the fragments give:
    python3 scripts/apps_page.py            # write static/description/index.html
    python3 scripts/apps_page.py --check    # exit 1 when it is not current
"""

import ast
import html
import re
import sys
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "readme"
PAGE = ROOT / "static" / "description" / "index.html"
EXTENSIONS = ["tables", "fenced_code", "sane_lists"]


def manifest():
    return ast.literal_eval((ROOT / "__manifest__.py").read_text(encoding="utf-8"))


def usage_pages():
    """The capability pages the USAGE index links to, in its order."""
    index = (README / "USAGE.md").read_text(encoding="utf-8")
    return re.findall(r"\]\((usage/\w+\.md)\)", index)


def anchor(page):
    return "usage-" + Path(page).stem.replace("_", "-")


def fragment(text, website, shift):
    """A fragment in HTML: its own title dropped, its headings `shift` levels down, links to the
    capability pages made anchors of this page, other readme pages linked on the forge, and the
    screenshots named as the Apps page finds them (beside index.html)."""
    text = re.sub(r"\A# .*\n+", "", text)
    text = re.sub(r"\]\((?:\.\./)*static/description/([^)]+)\)", r"](\1)", text)
    text = re.sub(r"\]\((?:\.\./)?(usage/\w+\.md)\)", lambda m: f"](#{anchor(m[1])})", text)
    text = re.sub(r"\]\((?:\.\./)?([A-Z]+\.md)\)", rf"]({website}/blob/18.0/readme/\1)", text)
    body = markdown.markdown(text, extensions=EXTENSIONS, output_format="html")
    return re.sub(
        r"<(/?)h([1-6])>", lambda m: f"<{m[1]}h{min(int(m[2]) + shift, 6)}>", body
    ).strip()


def section(title, ident, body):
    return f'<div class="section" id="{ident}">\n<h2>{html.escape(title)}</h2>\n{body}\n</div>'


def render():
    info = manifest()
    website = info["website"].rstrip("/")
    read = lambda name: (README / name).read_text(encoding="utf-8")  # noqa: E731
    sections = []
    if (README / "CONFIGURE.md").exists():
        sections.append(
            ("Configuration", "configuration", fragment(read("CONFIGURE.md"), website, 1))
        )
    usage = [fragment(read("USAGE.md"), website, 1)]
    for page in usage_pages():
        text = read(page)
        title = re.match(r"# (.*)", text)[1]
        usage.append(
            f'<div class="section" id="{anchor(page)}">\n<h3>{html.escape(title)}</h3>\n'
            f"{fragment(text, website, 2)}\n</div>"
        )
    sections.append(("Usage", "usage", "\n".join(usage)))
    if (README / "ROADMAP.md").exists():
        sections.append(
            (
                "Known issues / Roadmap",
                "known-issues-roadmap",
                fragment(read("ROADMAP.md"), website, 1),
            )
        )
    sections.append(
        (
            "Bug Tracker",
            "bug-tracker",
            f'<p>Bugs are tracked on <a href="{website}/issues">the issues of the project</a>.</p>',
        )
    )
    credits = [
        "<h3>Authors</h3>",
        "<ul>"
        + "".join(f"<li>{html.escape(a.strip())}</li>" for a in info["author"].split(","))
        + "</ul>",
    ]
    if (README / "CONTRIBUTORS.md").exists():
        credits += ["<h3>Contributors</h3>", fragment(read("CONTRIBUTORS.md"), website, 2)]
    credits += [
        "<h3>Maintainers</h3>",
        "<p>This module is maintained by "
        + ", ".join(html.escape(m) for m in info.get("maintainers", []))
        + f'. <a href="{website}">{website}</a></p>',
    ]
    sections.append(("Credits", "credits", "\n".join(credits)))
    contents = "".join(
        f'<li><a href="#{ident}">{html.escape(t)}</a></li>' for t, ident, _b in sections
    )
    parts = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8"/>',
        f"<title>{html.escape(info['name'])}</title></head><body>",
        "<!-- Generated from readme/ by scripts/apps_page.py: edit the fragments. -->",
        '<div class="document">',
        f'<h1 class="title">{html.escape(info["name"])}</h1>',
        f"<p><strong>{html.escape(info['summary'])}</strong></p>",
        f"<p>License: {html.escape(info['license'])}. Odoo {info['version'][:4]} Community.</p>",
        fragment(read("DESCRIPTION.md"), website, 1),
        f'<p><strong>Table of contents</strong></p>\n<ul class="contents">{contents}</ul>',
        *(section(title, ident, body) for title, ident, body in sections),
        "</div>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def main(argv):
    page = render()
    if "--check" in argv:
        if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != page:
            print(
                "static/description/index.html is not what readme/ gives: "
                "run python3 scripts/apps_page.py"
            )
            return 1
        print("Apps page: current")
        return 0
    PAGE.write_text(page, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
