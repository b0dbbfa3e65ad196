"""volume-path-as-named-source: the seed article's `type: volume, source: /var/lib/mysql`."""

from __future__ import annotations

from orchconv.lint.finding import Level
from orchconv.lint.rules.volume_path_as_named_source import VolumePathAsNamedSource
from tests.lint.rules.helpers import run, swarm, where

SEED = """\
version: "3"
services:
  db:
    image: mysql:5.6
    volumes:
      - type: volume
        source: /var/lib/mysql
        target: /var/lib/mysql
"""


def test_path_source_is_an_error_at_the_source() -> None:
    found = run(VolumePathAsNamedSource, SEED)
    assert where(found) == [(7, 17)]
    assert found[0].level is Level.ERROR
    assert "not the path '/var/lib/mysql'; use `type: bind`" in found[0].message
    assert len(swarm(VolumePathAsNamedSource, SEED)) == 1


def test_relative_and_home_paths_too() -> None:
    for source in ("./data", "~/data", "../data"):
        assert len(run(VolumePathAsNamedSource, SEED.replace("/var/lib/mysql\n        t",
                                                             f"{source}\n        t"))) == 1


def test_named_volumes_binds_and_short_syntax_pass() -> None:
    assert run(VolumePathAsNamedSource, SEED.replace("source: /var/lib/mysql",
                                                     "source: mysql_data")) == []
    assert run(VolumePathAsNamedSource, SEED.replace("type: volume", "type: bind")) == []
    assert run(VolumePathAsNamedSource,
               "services:\n  db:\n    volumes: [/var/lib/mysql:/var/lib/mysql]\n") == []
    assert run(VolumePathAsNamedSource, SEED.replace("/var/lib/mysql\n        t",
                                                     "${DATA}\n        t")) == []
