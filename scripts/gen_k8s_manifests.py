#!/usr/bin/env python3
"""Generate a multi-document Kubernetes manifest for benchmarks.

It is what `orchconv compose2k8s` makes of a `scripts/gen_compose.py` project:
each compose service becomes a Deployment and a Service, each team volume a
PersistentVolumeClaim, the secret a Secret.  1,485 services give exactly
3,000 objects.

    python scripts/gen_k8s_manifests.py 3000 > /tmp/k8s-3000.yaml
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_compose import generate

# Objects per compose service (Deployment + Service), plus one PVC per 50
# services and the one Secret.
OBJECTS_PER_SERVICE = 2


def services_for(objects: int) -> int:
    """The number of compose services whose conversion gives about `objects` objects."""
    count = max(1, objects // OBJECTS_PER_SERVICE)
    while count > 1 and OBJECTS_PER_SERVICE * count + max(1, count // 50) + 1 > objects:
        count -= 1
    return count


def manifests(objects: int) -> str:
    with tempfile.TemporaryDirectory(prefix="orchconv-gen-") as folder:
        compose = Path(folder) / "compose.yaml"
        compose.write_text(generate(services_for(objects)), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "orchconv.cli", "compose2k8s", "-f", str(compose), "-o", "-"],
            capture_output=True, text=True, check=False,
        )
    if done.returncode != 0:
        raise SystemExit(f"orchconv compose2k8s failed: {done.stderr.strip()}")
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("objects", type=int, help="about how many Kubernetes objects")
    args = parser.parse_args()
    sys.stdout.write(manifests(args.objects))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
