"""GET /: the landing page: what this server serves, where, under which seed and worlds."""

from __future__ import annotations

import html

from edumock.serving.sandbox import Sandbox
from edumock.version import version
from edumock.world import World

_STYLE = """body{font:15px system-ui,sans-serif;margin:2.5em auto;max-width:60em;color:#1d2433}
h1{margin-bottom:.2em}table{border-collapse:collapse;width:100%;margin:1em 0 2em}
th,td{border-bottom:1px solid #d8dde6;padding:6px 10px;text-align:left;vertical-align:top}
code{background:#f2f4f7;padding:1px 4px;border-radius:3px}.muted{color:#667085}"""


def _link(base: str, path: str) -> str:
    return f"<a href='{html.escape(path)}'>{html.escape(base + path)}</a>"


def page(sandbox: Sandbox, world: World, request_url: str) -> tuple[str, int, dict[str, str]]:
    """An HTML page listing platforms, their base URLs and docs, the seed and the worlds."""
    base = request_url.split("/", 3)
    root = "/".join(base[:3]) if len(base) >= 3 else ""
    rows = []
    for platform in sandbox.platforms:
        prefixes = "<br>".join(_link(root, prefix) for prefix in platform.path_prefixes)
        docs = "<br>".join(f"{_link(root, path)} · <a href='{html.escape(path)}openapi.json'>"
                           "openapi.json</a>" for path in platform.docs_paths)
        rows.append(f"<tr id='platform-{html.escape(platform.name)}'><td><b>"
                    f"{html.escape(platform.name)}</b><br><span class=muted>"
                    f"{html.escape(platform.title)}</span><td>{prefixes}<td>{docs}")
    worlds = ", ".join(f"<code>{html.escape(name)}</code>" for name in sandbox.world_names())
    body = (f"<!doctype html><html lang=en><meta charset=utf-8><title>edumock</title>"
            f"<style>{_STYLE}</style><h1>edumock <small class=muted id=version>"
            f"{html.escape(version())}</small></h1><p class=muted>A contract-first sandbox "
            f"of education platform APIs. Seed <b id=seed>{sandbox.seed}</b>, sandbox time "
            f"<b>{html.escape(world.clock.now().isoformat())}</b>"
            f"{' (frozen)' if world.clock.frozen else ''}.</p>"
            f"<table id=platforms><tr><th>platform<th>base URLs<th>docs and raw spec"
            f"{''.join(rows)}</table>"
            f"<h2>Worlds</h2><p id=worlds>{worlds}. Send <code>X-Edumock-World: name</code> "
            f"to use (and create) another.</p><h2>Admin API</h2><p>"
            f"{_link(root, '/docs/admin/')} · {_link(root, '/__admin/health')} · "
            f"{_link(root, '/__admin/requests')} · {_link(root, '/__admin/coverage')} · "
            f"{_link(root, '/__admin/worlds')}</p></html>\n")
    return body, 200, {"Content-Type": "text/html"}
