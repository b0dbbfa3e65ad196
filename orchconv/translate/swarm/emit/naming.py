"""Names of top-level resources: which ones the stack file must spell out.

The Compose loader names every resource (`<project>_<key>`, or `<key>` when
external).  `docker stack deploy` names unnamed resources `<stack>_<key>`
itself, so a name equal to the loader's default is left out; any other name
is written, as `name` where the version has it and as the older
`external: {name: ...}` form for external resources before that.
"""

from __future__ import annotations

from orchconv.translate.swarm.emit.context import Data, StackContext

# the first stack file version with a `name` key, per section
NAME_SINCE = {"networks": "3.5", "volumes": "3.4", "secrets": "3.5", "configs": "3.5"}


def default_name(project_name: str, key: str, external: bool) -> str:
    return key if external else f"{project_name}_{key}"


def naming_data(section: str, key: str, name: str | None, external: bool,
                ctx: StackContext) -> Data:
    """`external`/`name` entries for a resource, in the form the version admits."""
    out: Data = {}
    explicit = name is not None and name != default_name(ctx.project.name, key, external)
    if external:
        if explicit and not ctx.at_least(NAME_SINCE[section]):
            out["external"] = {"name": name}
            return out
        out["external"] = True
    if explicit:
        out["name"] = name
    return out
