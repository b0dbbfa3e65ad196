"""Profiles: services that only run when one of their profiles is active."""

from __future__ import annotations

from collections.abc import Mapping

from orchconv.source.yamltree import YMap


def active_profiles(requested: tuple[str, ...], env: Mapping[str, str]) -> frozenset[str]:
    """`--profile` values, or else COMPOSE_PROFILES (comma-separated), as compose reads them."""
    if requested:
        return frozenset(requested)
    return frozenset(p.strip() for p in env.get("COMPOSE_PROFILES", "").split(",") if p.strip())


def is_enabled(service_profiles: object, active: frozenset[str]) -> bool:
    if not isinstance(service_profiles, list) or not service_profiles:
        return True
    return "*" in active or any(p in active for p in service_profiles)


def apply_profiles(document: YMap, active: frozenset[str]) -> YMap:
    """Drop the services none of whose profiles is active."""
    services = document.get("services")
    if not isinstance(services, dict):
        return document
    for name in [n for n, s in services.items()
                 if isinstance(s, dict) and not is_enabled(s.get("profiles"), active)]:
        del services[name]
    return document
