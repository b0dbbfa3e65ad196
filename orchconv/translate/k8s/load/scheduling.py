"""nodeSelector, node affinity, anti-affinity, spread and tolerations -> deploy.placement
and platform.

Required node affinity with one term is a list of ANDed conditions, as swarm
constraints are.  The control-plane node label (with its toleration) is
`node.role == manager`.  A spread over a topology key (ScheduleAnyway) is a
placement preference; a hard spread over hostnames bounds replicas per node.
"""

from __future__ import annotations

from typing import Any

from orchconv.source.yamltree import YSeq
from orchconv.translate.k8s.load.draft import Draft, new_map
from orchconv.translate.k8s.load.node import Node

CONTROL_PLANE = "node-role.kubernetes.io/control-plane"
HOSTNAME = "kubernetes.io/hostname"
OS = "kubernetes.io/os"
ARCH = "kubernetes.io/arch"
_NODE_KEYS = {HOSTNAME: "node.hostname", OS: "node.platform.os", ARCH: "node.platform.arch"}


def _swarm_key(label: str) -> str:
    return _NODE_KEYS.get(label, f"node.labels.{label}")


class Placement:
    def __init__(self, spec: Node) -> None:
        self.spec = spec
        self.constraints: list[str] = []
        self.preferences: list[str] = []
        self.per_node: int | None = None
        self.platform: str | None = None
        self.control_plane = False

    def node_selector(self) -> None:
        selector = self.spec.string_map("nodeSelector")
        os_name, arch = selector.pop(OS, None), selector.pop(ARCH, None)
        if os_name:
            self.platform = f"{os_name}/{arch}" if arch else os_name
        elif arch:
            self.constraints.append(f"node.platform.arch == {arch}")
        for key, value in selector.items():
            self.constraints.append(f"{_swarm_key(key)} == {value}")

    def _expression(self, term: Node, expression: Node) -> None:
        key = expression.text("key") or ""
        operator = expression.text("operator")
        values = expression.strings("values")
        if key == CONTROL_PLANE and operator in ("Exists", "DoesNotExist"):
            self.control_plane = operator == "Exists"
            self.constraints.append(f"node.role == {'manager' if self.control_plane else 'worker'}")
        elif operator in ("In", "NotIn") and len(values) == 1:
            sign = "==" if operator == "In" else "!="
            self.constraints.append(f"{_swarm_key(key)} {sign} {values[0]}")
        elif operator == "NotIn":
            self.constraints.extend(f"{_swarm_key(key)} != {v}" for v in values)
        else:
            expression.lose_self(f"{operator} with {len(values)} values has no swarm "
                                 "constraint counterpart (constraints are `==` or `!=`)")

    def node_affinity(self, affinity: Node) -> None:
        node = affinity.node("nodeAffinity")
        if node is None:
            return
        required = node.node("requiredDuringSchedulingIgnoredDuringExecution")
        if required is not None:
            terms = required.nodes("nodeSelectorTerms")
            if len(terms) > 1:
                required.lose("nodeSelectorTerms", "alternative terms (OR) have no swarm "
                              "counterpart; only the first is kept", sub="[1]")
            for term in terms[:1]:
                for expression in term.nodes("matchExpressions"):
                    self._expression(term, expression)
                if term.has("matchFields"):
                    term.lose("matchFields", "node fields have no swarm constraint counterpart")
            for term in terms[1:]:
                term.skip(*term.data)
        if node.has("preferredDuringSchedulingIgnoredDuringExecution"):
            node.lose("preferredDuringSchedulingIgnoredDuringExecution",
                      "soft node affinity has no compose counterpart")

    def anti_affinity(self, affinity: Node, own_labels: dict[str, str]) -> None:
        anti = affinity.node("podAntiAffinity")
        if anti is None:
            return
        required = anti.nodes("requiredDuringSchedulingIgnoredDuringExecution")
        for index, term in enumerate(required):
            selector = term.node("labelSelector")
            labels = selector.string_map("matchLabels") if selector else {}
            own = bool(labels) and all(own_labels.get(k) == v for k, v in labels.items())
            if own and term.text("topologyKey") == HOSTNAME and not term.has("namespaces"):
                self.per_node = 1
            else:
                anti.lose("requiredDuringSchedulingIgnoredDuringExecution",
                          "only \"one replica per node\" has a compose counterpart",
                          sub=f"[{index}]")
        if anti.has("preferredDuringSchedulingIgnoredDuringExecution"):
            anti.lose("preferredDuringSchedulingIgnoredDuringExecution",
                      "soft pod anti-affinity has no compose counterpart")

    def spread(self) -> None:
        for entry in self.spec.nodes("topologySpreadConstraints"):
            key = entry.text("topologyKey") or ""
            skew = entry.integer("maxSkew") or 1
            soft = entry.text("whenUnsatisfiable") == "ScheduleAnyway"
            entry.skip("labelSelector")
            if soft and skew == 1:
                self.preferences.append(_swarm_key(key))
            elif not soft and key == HOSTNAME:
                self.per_node = skew
                entry.ledger.lose(entry.loc, entry.path, f"a spread with maxSkew {skew} "
                                  "bounds the difference between nodes; max_replicas_per_node "
                                  f"{skew} bounds the count")
            else:
                entry.lose_self("this spread has no placement preference counterpart")

    def tolerations(self) -> None:
        for entry in self.spec.nodes("tolerations"):
            is_control_plane = entry.data.get("key") == CONTROL_PLANE and \
                entry.data.get("operator") == "Exists"
            if is_control_plane and self.control_plane:
                entry.skip(*entry.data)
            else:
                entry.lose_self("tolerations have no compose counterpart")

    def write(self, owner: Draft) -> None:
        loc = self.spec.loc
        if self.platform:
            owner.set("platform", self.platform, self.spec.key_loc("nodeSelector"))
        placement = new_map(loc)
        if self.constraints:
            seq = YSeq(loc)
            for text in self.constraints:
                seq.add(text, loc)
            placement.put("constraints", seq, loc, loc)
        if self.preferences:
            prefs = YSeq(loc)
            for key in self.preferences:
                prefs.add(new_map(loc, spread=key), loc)
            placement.put("preferences", prefs, loc, loc)
        if self.per_node is not None:
            placement.put("max_replicas_per_node", self.per_node, loc, loc)
        if placement:
            owner.deploy(loc).put("placement", placement, loc, loc)


def read_scheduling(spec: Node, owner: Draft, own_labels: dict[str, Any]) -> None:
    placement = Placement(spec)
    placement.node_selector()
    affinity = spec.node("affinity")
    if affinity is not None:
        placement.node_affinity(affinity)
        placement.anti_affinity(affinity, own_labels)
        if affinity.has("podAffinity"):
            affinity.lose("podAffinity", "compose has no pod affinity")
    placement.spread()
    placement.tolerations()
    node_name = spec.text("nodeName")
    if node_name:
        placement.constraints.append(f"node.hostname == {node_name}")
    placement.write(owner)
