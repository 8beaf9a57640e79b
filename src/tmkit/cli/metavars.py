"""Help in words a user knows: typer would show its internal types (``<list[Path]>``,
``<float range>``); every parameter without a metavar of its own gets one here.

Options show what they take (FILE, DIR, N, TEXT, one of the choices); arguments show
their own name in capitals (FILES... for several). Applied once per command, when the
lazy group hands it out, so every command (and every sub-app's) gets it for free.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, get_args

from typer.core import TyperArgument, TyperOption

#: options whose value has a name of its own in tmkit's vocabulary
_BY_NAME = {"tm": "MEMORY", "format": "FORMAT", "lang": "LANG", "source_lang": "LANG",
            "target_lang": "LANG", "scheduler": "ADDRESS", "engine": "[local|dask]"}  # fmt: skip


def _label(param: Any) -> str:
    if param.name in _BY_NAME:
        return _BY_NAME[param.name]
    desc = param.type_descriptor
    if desc.is_choice:
        return "[" + "|".join(str(getattr(c, "value", c)) for c in desc.choices) + "]"
    if desc.is_path:
        return "DIR" if desc.path_type == "directory" else "FILE"
    annotation = desc.annotation
    if desc.is_list and get_args(annotation):
        annotation = get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, PurePath):
        return "FILE"
    if annotation in (int, float) or desc.is_ranged:
        return "N"
    return "TEXT"


def _no_type(_ctx: Any) -> str:
    return ""


def humanize(command: Any) -> Any:
    """Give ``command``'s parameters (and a group's subcommands') readable metavars."""
    if getattr(command, "_tmkit_humanized", False):
        return command
    for param in getattr(command, "params", ()):
        if isinstance(param, TyperArgument):
            if param.metavar is None:
                name = (param.name or "value").upper()
                param.metavar = name + ("..." if param.nargs != 1 else "")
            param.display_type = _no_type  # the name says it; no <type> after it
        elif isinstance(param, TyperOption) and not param.is_flag and param.metavar is None:
            param.metavar = _label(param)
    for sub in getattr(command, "commands", {}).values():
        humanize(sub)
    command._tmkit_humanized = True
    return command
