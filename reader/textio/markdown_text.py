"""The readable text of a Markdown file: the markup a reader would not see, removed.

Only markup that cannot be mistaken for prose is removed, because a wrong
guess would delete words the author wrote:

* a YAML front-matter block at the very top (its ``title:`` becomes the title);
* ``#`` heading markers, Setext underlines (``===``/``---``) and horizontal rules;
* ``>`` quote markers and ``-``/``*``/``+`` bullet markers (numbers of numbered
  lists are kept: they are part of what the list says);
* code fences (the code inside is kept as written);
* images (dropped, as in HTML), links (their text is kept), reference-link
  definitions, autolinks' angle brackets;
* ``**strong**``, ``__strong__``, ``*emphasis*``, ``~~struck~~`` and
  ```code``` markers.  Single underscores are left alone: they occur inside
  names such as ``file_name``.

Backslash escapes (``\\*``) become the character itself.  Everything else,
including inline HTML, is kept as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FRONT_MATTER_MAX_LINES = 60
_ESCAPABLE = "\\`*_{}[]()#+-.!~>|"
# Escaped characters hide in the private-use area while the markup is removed.
_ESCAPE_BASE = 0xF0000

_FENCE = re.compile(r"^\s{0,3}(```+|~~~+)")
_ATX_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+(.*?))?\s*#*\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_THEMATIC_BREAK = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_QUOTE_MARKER = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<!\*)\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?!\*)")
_STRUCK = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


@dataclass(frozen=True, slots=True)
class MarkdownText:
    text: str
    title: str
    """The front matter's ``title:``, else the first heading, else ""."""


def markdown_to_text(markdown: str) -> MarkdownText:
    """The text of ``markdown`` (newlines already ``\\n``) without its markup, and its title."""
    front_title, body = _split_front_matter(markdown)
    lines = body.split("\n")
    kept: list[str] = []
    first_heading = ""
    in_fence = ""
    for index, line in enumerate(lines):
        fence = _FENCE.match(line)
        if in_fence:
            if fence and fence.group(1)[0] == in_fence:
                in_fence = ""
            else:
                kept.append(line)
            continue
        if fence:
            in_fence = fence.group(1)[0]
            continue
        heading = _ATX_HEADING.match(line)
        if heading:
            text = _inline(heading.group(1) or "")
            first_heading = first_heading or text
            kept.append(text)
            continue
        previous = lines[index - 1].strip() if index else ""
        if _SETEXT_UNDERLINE.match(line) and previous:
            first_heading = first_heading or (kept[-1].strip() if kept else "")
            continue
        if _THEMATIC_BREAK.match(line) or _REFERENCE_DEFINITION.match(line):
            continue
        line = _QUOTE_MARKER.sub("", line)
        line = _BULLET.sub(r"\1", line)
        kept.append(_inline(line).rstrip())
    # Removed markup leaves empty lines behind; Markdown gives runs of blank
    # lines no meaning, so one blank line is kept between blocks.
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept))
    return MarkdownText(text, front_title or first_heading)


def _split_front_matter(markdown: str) -> tuple[str, str]:
    lines = markdown.split("\n")
    if not lines or lines[0].strip() != "---":
        return "", markdown
    for index in range(1, min(len(lines), _FRONT_MATTER_MAX_LINES)):
        if lines[index].strip() in ("---", "..."):
            title = ""
            for field in lines[1:index]:
                key, colon, value = field.partition(":")
                if colon and key.strip().lower() == "title":
                    title = value.strip().strip("'\"").strip()
            return title, "\n".join(lines[index + 1 :])
    return "", markdown


def _inline(line: str) -> str:
    line = re.sub(
        r"\\([" + re.escape(_ESCAPABLE) + r"])",
        lambda m: chr(_ESCAPE_BASE + ord(m.group(1))),
        line,
    )
    line = _CODE_SPAN.sub(lambda m: m.group(2).strip(), line)
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _STRONG.sub(r"\2", line)
    line = _EMPHASIS.sub(r"\1", line)
    line = _STRUCK.sub(r"\1", line)
    return re.sub("[\U000f0000-\U000f00ff]", lambda m: chr(ord(m.group()) - _ESCAPE_BASE), line)
