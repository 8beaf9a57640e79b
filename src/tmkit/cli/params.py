"""Plain CLI values (text, paths, lists of them) converted without pydantic.

typer (0.29) converts every parameter through a pydantic ``TypeAdapter``: the
first command call imports pydantic and builds one adapter per parameter, about
0.1 s of CPU for `tmkit check` before it reads a byte. tmkit's parameters are
nearly all ``str``, ``Path`` or lists of them, whose conversion from a
command-line string is the identity or ``Path(value)`` followed by typer's own
path checks (`coerce_cli_path`, the same function its adapter calls). Those go
through `PlainParam`; anything else (numbers, choices, parsers, path types,
values that are not a non-empty string, a flag given a string) still goes through
typer's adapter, so messages and results are typer's own. On a typer without these internals
(before 0.29) nothing is changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

try:
    import typer.core as _core
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_path
except ImportError:  # another typer: its own conversion stays
    _core = None


def _plain_leaf(annotation: Any, info: Any) -> bool:
    if info.parser is not None or getattr(info, "path_type", None) is not None:
        return False
    return annotation is str or annotation is Path


def is_plain(annotation: Any, info: Any) -> bool:
    """A ``str``, ``Path`` or list of either, with no parser or path type of its own, or a
    ``bool`` flag (typer asks for its converter even when the value is already a bool
    or missing, as for ``--help``)."""
    if get_origin(annotation) is list:
        args = get_args(annotation)
        return len(args) == 1 and _plain_leaf(args[0], info)
    return _plain_leaf(annotation, info) or (annotation is bool and info.parser is None)


if _core is not None:

    @dataclass(frozen=True)
    class PlainParam(RuntimeParam):
        """`RuntimeParam` for plain values; anything unusual goes to typer's adapter."""

        def _leaf(self, annotation: Any, value: Any, param: Any, ctx: Any) -> Any:
            if annotation is bool and isinstance(value, bool):
                return value
            if annotation is bool or not isinstance(value, str) or not value:
                raise LookupError  # not a plain command-line string: typer's adapter
            if annotation is str:
                return value
            return coerce_cli_path(
                Path(value), self.parameter_info, path_type=Path, param=param, ctx=ctx
            )

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            annotation = self.annotation
            try:
                if get_origin(annotation) is list:
                    (leaf,) = get_args(annotation)
                    items = value if isinstance(value, (list, tuple)) else [value]
                    return [self._leaf(leaf, item, param, ctx) for item in items]
                return self._leaf(annotation, value, param, ctx)
            except LookupError:
                real = build_runtime_param(param.type_descriptor)
                return real._coerce_value(value, param=param, ctx=ctx)

    def _runtime_param(descriptor: Any) -> Any:
        if descriptor.file_annotation is None and is_plain(
            descriptor.annotation, descriptor.parameter_info
        ):
            return PlainParam(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )
        return build_runtime_param(descriptor)

    _core.build_runtime_param = _runtime_param
