"""Multipart bodies: validated as Connexion validates them, with their files kept for handlers.

Connexion hands a handler a file only through a keyword named after its
form field, and its request context overwrites keywords such as ``user``:
a file part called ``user`` (Sunbird's own name for it) never arrives.
Services also read "the first file part, whatever its name". So the
validator, which parses the multipart body anyway, keeps every file part in
the request context as ``uploaded_files`` (in order); a handler names that
argument to receive them. A request with no body and no content type is an
empty form, so the handler can refuse the missing file in its own words; one
that cannot be parsed (no boundary, a broken part) is a malformed body.
"""

from __future__ import annotations

import functools
import logging
import typing as t
from dataclasses import dataclass

from connexion.validators import MultiPartFormDataValidator
from starlette.datastructures import FormData, Headers, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.types import Scope

from edumock.errors import BodyMalformed

CONTEXT_KEY = "uploaded_files"


@dataclass(frozen=True, slots=True)
class UploadedFile:
    """One file part of a multipart body."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


class KeepingParser(MultiPartParser):
    """Starlette's parser, noting each file part's bytes as it finishes parsing."""

    def __init__(self, headers: Headers, stream: t.AsyncGenerator[bytes, None],
                 sink: list[UploadedFile]) -> None:
        super().__init__(headers, stream)
        self._sink = sink

    async def parse(self) -> FormData:
        """The form, with the files copied into the sink before they are closed."""
        form: FormData = await super().parse()
        for field, value in form.multi_items():
            if isinstance(value, UploadFile):
                await value.seek(0)
                self._sink.append(UploadedFile(field, value.filename, value.content_type,
                                               await value.read()))
                await value.close()
        return form


class UploadKeepingValidator(MultiPartFormDataValidator):  # type: ignore[misc]
    """Multipart validation that leaves the files in the request context."""

    async def _parse(self, stream: t.AsyncGenerator[bytes, None], scope: Scope) -> dict[str, t.Any]:
        headers = Headers(scope=scope)
        files: list[UploadedFile] = []
        context = scope.setdefault("extensions", {}).setdefault("connexion_context", {})
        context[CONTEXT_KEY] = files
        if "content-type" not in headers:
            return {}
        self._parser = functools.partial(KeepingParser, sink=files)
        try:
            parsed: dict[str, t.Any] = await super()._parse(stream, scope)
        except MultiPartException as error:  # no boundary, a part without a name...
            raise BodyMalformed(str(error)) from None
        return parsed

    @property
    def _form_parser_cls(self) -> t.Callable[..., MultiPartParser]:
        """The parser the stock ``_parse`` builds: one that keeps this request's files."""
        return getattr(self, "_parser", MultiPartParser)


class _ContentTypeNotice(logging.Filter):
    """Drops Connexion's "this operation accepts multiple content types" warning, which it logs
    on every request to such an operation: offering a CSV as a file part or as form text is the
    specs' intent, not a mistake."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "accepts multiple content types" not in record.getMessage()


def quiet_content_type_notice() -> None:
    """Install the filter once on Connexion's operation logger."""
    logger = logging.getLogger("connexion.operations.openapi3")
    if not any(isinstance(existing, _ContentTypeNotice) for existing in logger.filters):
        logger.addFilter(_ContentTypeNotice())
