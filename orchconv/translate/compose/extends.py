"""`extends`: a service starts from another one, in the same file or another."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from orchconv.errors import InputError
from orchconv.source.yamltree import YMap, loc_of

# Loads another compose file for `extends.file`: (path, from_loc) -> its document.
FileLoader = Callable[[Path, Any], YMap]


class ExtendsResolver:
    """Resolves every service's `extends` chain, refusing cycles."""

    def __init__(self, load_file: FileLoader) -> None:
        self.load_file = load_file

    def apply(self, document: YMap, file: Path) -> YMap:
        services = document.get("services")
        if not isinstance(services, dict):
            return document
        for name in list(services):
            services[name] = self._resolve(name, services, file, ())
        return document

    def _resolve(
        self, name: str, services: dict[str, Any], file: Path, chain: tuple[tuple[str, str], ...]
    ) -> Any:
        service = services.get(name)
        if not isinstance(service, dict) or "extends" not in service:
            return service
        spec = service["extends"]
        where = loc_of(service, "extends")
        link = (str(file.resolve()), name)
        if link in chain:
            shown = " -> ".join(f"{Path(f).name}:{s}" for f, s in (*chain, link))
            raise InputError(f"circular reference with extends: {shown}", where)
        if isinstance(spec, str):
            ref, other = spec, None
        elif isinstance(spec, dict):
            service_ref, other = spec.get("service"), spec.get("file")
            if not isinstance(service_ref, str):
                raise InputError(f"services.{name}.extends.service is required", where)
            ref = service_ref
        else:
            raise InputError(f"services.{name}.extends must be a string or a mapping", where)
        if other is not None:
            base_file = (file.parent / str(other)).resolve()
            base_doc = self.load_file(base_file, loc_of(spec, "file"))
            base_services = base_doc.get("services")
            if not isinstance(base_services, dict) or ref not in base_services:
                raise InputError(
                    f"cannot extend service {name!r}: service {ref!r} not found in {other}", where
                )
            base = self._resolve(ref, base_services, base_file, (*chain, link))
        else:
            if ref not in services:
                raise InputError(
                    f"cannot extend service {name!r} in {file.name}: service {ref!r} not found",
                    where,
                )
            base = self._resolve(ref, services, file, (*chain, link))
        if base is None:
            base = YMap(service.loc if isinstance(service, YMap) else where)  # type: ignore[arg-type]
        from orchconv.translate.compose.merge import merge_service  # few files extend

        merged = merge_service(base, service)
        merged.pop("extends", None)
        return merged
