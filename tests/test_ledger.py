"""The key ledger every emitter and loader shares (orchconv/translate/ledger.py)."""

from __future__ import annotations

from orchconv.ir.loss import INFO, WARNING
from orchconv.ir.service import Service
from orchconv.location import NOWHERE, Loc
from orchconv.translate.k8s.emit.context import EmitContext, ServiceContext
from orchconv.translate.k8s.emit.options import K8sEmitOptions
from orchconv.translate.k8s.load.node import Ledger, Node
from orchconv.translate.ledger import KeyLedger, Losses, key_path, written_keys
from orchconv.translate.result import Conversion
from orchconv.translate.swarm.emit.context import ServiceKeys, StackContext
from orchconv.translate.swarm.emit.options import SwarmEmitOptions
from tests.k8s.helpers import project, service

HERE = Loc("compose.yaml", 3, 5)
THERE = Loc("compose.yaml", 7, 9)


class _Keys(KeyLedger):
    """A ledger whose keys were all written at HERE."""

    def __init__(self) -> None:
        super().__init__("services.web")
        self.sink = Losses("test")

    @property
    def losses(self) -> Losses:
        return self.sink

    def key_loc(self, key: str) -> Loc:
        return HERE


def test_losses_keep_one_entry_per_place_path_and_reason() -> None:
    losses = Losses("k8s")
    losses.lose(HERE, "a", "why")
    losses.lose(HERE, "a", "why", INFO)
    losses.lose(THERE, "a", "why")
    losses.lose(HERE, "a", "other")
    assert [(x.loc, x.path, x.reason, x.level, x.target) for x in losses.entries] == [
        (HERE, "a", "why", WARNING, "k8s"), (THERE, "a", "why", WARNING, "k8s"),
        (HERE, "a", "other", WARNING, "k8s")]


def test_a_key_done_or_lost_is_not_open() -> None:
    keys = _Keys()
    keys.done("image")
    keys.lose("ports", "no counterpart", "[0]")
    assert keys.open_keys(["image", "ports", "tty", "image"]) == ["tty"]


def test_a_loss_is_placed_at_its_own_position_else_at_the_key() -> None:
    keys = _Keys()
    keys.lose("volumes", "a", "[2].bind.x", loc=THERE)
    keys.lose("labels", "b", "kompose.x", loc=NOWHERE)
    keys.lose("tty", "c", level=INFO)
    assert [(x.loc, x.path, x.level) for x in keys.sink.entries] == [
        (THERE, "services.web.volumes[2].bind.x", WARNING),
        (HERE, "services.web.labels.kompose.x", WARNING),
        (HERE, "services.web.tty", INFO)]


def test_key_path_joins_items_and_keys() -> None:
    assert key_path("a", "b") == "a.b"
    assert key_path("a", "b", "[0]") == "a.b[0]"
    assert key_path("a", "b", "c.d") == "a.b.c.d"


def test_written_keys_are_the_fields_that_differ_from_their_defaults() -> None:
    web = Service(name="web", image="nginx", tty=True)
    assert list(written_keys(web)) == ["image", "tty"]


def test_the_k8s_emitter_the_k8s_loader_and_the_swarm_emitter_share_it() -> None:
    web = service("web", image="nginx")
    demo = project(web)
    emit = ServiceContext(EmitContext(demo, K8sEmitOptions()), web)
    ledger = Ledger()
    node = Node({"image": "nginx", "tty": True}, "Deployment/web.spec", HERE, ledger)
    swarm = ServiceKeys(web, StackContext(demo, SwarmEmitOptions(), Conversion()))
    for keys in (emit, node, swarm):
        assert isinstance(keys, KeyLedger)
        keys.done("image")
        assert keys.open_keys(["image", "tty"]) == ["tty"]
    node.text("image")
    ledger.finish()  # `tty` was not read: a loss where it was written
    assert [(x.path, x.target) for x in ledger.losses] == [
        ("Deployment/web.spec.tty", "compose")]
