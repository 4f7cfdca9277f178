"""Consumer coverage as a terminal summary, JSON, JUnit XML or one self-contained HTML page."""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from typing import Any


def _percent(part: int, whole: int) -> str:
    return f"{(100 * part / whole) if whole else 0:.0f}%"


def summary(data: dict[str, Any]) -> str:
    """What a person reads: per platform, operations and statuses exercised, and the
    documented statuses the client never met."""
    lines = [f"edumock consumer coverage · world {data.get('world', 'default')}"]
    for name, platform in data["platforms"].items():
        total = platform["summary"]
        lines.append(f"{name}: {total['operationsExercised']} of {total['operations']} "
                     f"operations ({_percent(total['operationsExercised'], total['operations'])})"
                     f", {total['statusesExercised']} of {total['statuses']} documented "
                     f"statuses ({_percent(total['statusesExercised'], total['statuses'])})")
        for op in platform["operations"]:
            if op["calls"] and op["statusesNeverSeen"]:
                lines.append(f"  {op['method']} {op['path']}: never saw "
                             f"{', '.join(op['statusesNeverSeen'])}")
        if platform["refusals"]:
            seen = ", ".join(f"{code}: {count}" for code, count in platform["refusals"].items())
            lines.append(f"  refusals met: {seen}")
    return "\n".join(lines)


def render_json(data: dict[str, Any]) -> str:
    """The admin API's answer, indented."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_junit(data: dict[str, Any]) -> str:
    """One test case per documented (operation, status): passed when seen, skipped when not."""
    root = ET.Element("testsuites", name="edumock consumer coverage")
    for name, platform in data["platforms"].items():
        cases = [(op, status) for op in platform["operations"] for status in op["documented"]]
        skipped = sum(1 for op, status in cases if status in op["statusesNeverSeen"])
        suite = ET.SubElement(root, "testsuite", name=f"edumock coverage {name}",
                              tests=str(len(cases)), failures="0", errors="0",
                              skipped=str(skipped))
        for op, status in cases:
            case = ET.SubElement(suite, "testcase", classname=f"{name}.{op['operationId']}",
                                 name=f"{op['method']} {op['path']} → {status}")
            if status in op["statusesNeverSeen"]:
                ET.SubElement(case, "skipped", message="never exercised")
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


_STYLE = """body{font:14px system-ui,sans-serif;margin:2em;color:#1d2433}
table{border-collapse:collapse;width:100%;margin-bottom:2em}
th,td{border-bottom:1px solid #d8dde6;padding:4px 8px;text-align:left;vertical-align:top}
.seen{color:#05603a}.never{color:#b42318}.none{color:#667085}"""


def render_html(data: dict[str, Any]) -> str:
    """A single page: per platform, a table of operations and their statuses."""
    parts = [f"<!doctype html><html lang=en><meta charset=utf-8><title>edumock coverage</title>"
             f"<style>{_STYLE}</style><h1>Consumer coverage · world "
             f"{html.escape(str(data.get('world')))}</h1>"]
    for name, platform in data["platforms"].items():
        total = platform["summary"]
        parts.append(f"<h2 id='{html.escape(name)}'>{html.escape(name)}: "
                     f"{total['operationsExercised']}/{total['operations']} operations, "
                     f"{total['statusesExercised']}/{total['statuses']} statuses</h2>"
                     "<table class=coverage><tr><th>operation<th>calls<th>statuses seen"
                     "<th>documented, never seen")
        for op in platform["operations"]:
            seen = ", ".join(f"{s}: {n}" for s, n in op["statuses"].items()) or "—"
            never = ", ".join(op["statusesNeverSeen"]) or "—"
            css = "none" if not op["calls"] else ("never" if op["statusesNeverSeen"] else "seen")
            parts.append(f"<tr class='{css}' data-operation='{html.escape(op['operationId'])}'>"
                         f"<td>{html.escape(op['method'])} {html.escape(op['path'])}"
                         f"<td>{op['calls']}<td>{html.escape(seen)}<td>{html.escape(never)}")
        parts.append("</table>")
    return "".join(parts) + "</html>\n"


RENDERERS = {".json": render_json, ".xml": render_junit, ".html": render_html}
