"""Every option of ``edumock serve`` can also come from an ``EDUMOCK_*`` environment variable
(``--max-body-bytes`` from ``EDUMOCK_MAX_BODY_BYTES``): a container's command line is fixed by
its image, and services in CI or compose files are configured through their environment.

The variables are derived from the parser, so a new option has its variable without a line
here. The command line wins over the environment; a value the option would refuse is a usage
error naming the variable.
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Mapping
from typing import Any

PREFIX = "EDUMOCK_"
TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off", ""})


def variable(action: argparse.Action) -> str:
    """The environment variable of an option: its long name, upper case, ``-`` as ``_``."""
    longest = max(action.option_strings, key=len)
    return PREFIX + longest.lstrip("-").upper().replace("-", "_")


def options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """The parser's options that take a setting (``--help`` is not one)."""
    return [action for action in parser._actions
            if action.option_strings and not isinstance(action, argparse._HelpAction)]


def apply(parser: argparse.ArgumentParser, environ: Mapping[str, str] | None = None) -> None:
    """Make each option's default its variable's value (when set), and name the variable in
    the option's help."""
    environ = os.environ if environ is None else environ
    for action in options(parser):
        name = variable(action)
        action.help = f"{action.help or ''} [env {name}]".lstrip()
        if name in environ:
            action.default = _convert(parser, action, name, environ[name])
            if isinstance(action.default, list):
                action.__class__ = _replacing(type(action))


def _convert(parser: argparse.ArgumentParser, action: argparse.Action, name: str,
             text: str) -> Any:
    """``text`` as the option would take it on the command line; a usage error if it can't."""
    if action.nargs == 0:  # a flag
        if text.strip().lower() in TRUE | FALSE:
            return True if text.strip().lower() in TRUE else None
        parser.error(f"{name}={text!r}: expected one of 1, true, yes, on, 0, false, no, off")
    if action.nargs in ("+", "*"):
        return [_one(parser, action, name, part) for part in re.split(r"[,\s]+", text) if part]
    return _one(parser, action, name, text)


def _one(parser: argparse.ArgumentParser, action: argparse.Action, name: str,
         text: str) -> Any:
    convert = action.type if callable(action.type) else str
    try:
        value = convert(text)
    except (ValueError, TypeError, argparse.ArgumentTypeError) as error:
        parser.error(f"{name}={text!r}: {error}")
    if action.choices is not None and value not in action.choices:
        parser.error(f"{name}={text!r}: choose from {', '.join(map(str, action.choices))}")
    return value


def _replacing(kind: type[argparse.Action]) -> type[argparse.Action]:
    """``kind`` (an extend or append option) whose first use on the command line replaces the
    environment's list instead of adding to it."""

    class Replacing(kind):  # type: ignore[valid-type,misc]
        def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                     values: Any, option_string: str | None = None) -> None:
            if getattr(namespace, self.dest, None) is self.default:
                setattr(namespace, self.dest, None)
            super().__call__(parser, namespace, values, option_string)

    return Replacing
