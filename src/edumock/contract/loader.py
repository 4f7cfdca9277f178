"""Load OpenAPI files once, and check them with openapi-spec-validator."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from edumock.contract import parsed_cache


@dataclass(frozen=True, slots=True)
class SpecProblem:
    """One problem found in a spec file."""

    file: Path
    json_path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file.name}: {self.json_path}: {self.message}"


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it (several times faster), else the pure-Python one."""


@functools.cache
def load_spec(path: Path) -> dict[str, Any]:
    """Parse a YAML or JSON spec; cached because specs never change while serving."""
    text = path.read_bytes()
    document = parsed_cache.read(text)
    if document is None:
        document = yaml.load(text.decode("utf-8"), Loader=_LOADER)
        if not isinstance(document, dict):
            raise ValueError(f"{path}: an OpenAPI document must be a mapping")
        parsed_cache.write(text, document)
    return document


def _json_path(parts: Any) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def check_spec(path: Path) -> list[SpecProblem]:
    """Every problem openapi-spec-validator finds in one file (empty when valid)."""
    try:
        document = load_spec(path)
    except (OSError, ValueError, yaml.YAMLError) as error:
        return [SpecProblem(path, "$", str(error))]
    # Imported here: only ``specs check`` needs it, and it costs a tenth of a second at start-up.
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    try:
        validate(document)
    except OpenAPIValidationError as error:
        location = _json_path(getattr(error, "absolute_path", ()))
        return [SpecProblem(path, location, getattr(error, "message", str(error)))]
    return []


def check_specs(directory: Path) -> list[SpecProblem]:
    """Check every ``*.yaml``/``*.json`` file in a directory."""
    problems: list[SpecProblem] = []
    files = sorted([*directory.glob("*.yaml"), *directory.glob("*.json")])
    if not files:
        return [SpecProblem(directory, "$", "no spec files found")]
    for file in files:
        problems.extend(check_spec(file))
    return problems
