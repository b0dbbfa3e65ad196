"""`image` and `build`: swarm runs images, it never builds them.

`build` is dropped with a loss that says which image to build and push.  A
service with only `build` gets the image name compose2k8s gives it too
(built_image.py: `<project>-<service>`, after `--image-prefix` when given), so
`docker stack deploy` never meets a service without an image.
"""

from __future__ import annotations

from orchconv.ir.service import Service
from orchconv.translate.built_image import built_image
from orchconv.translate.swarm.emit.context import Data, StackContext

HANDLES = frozenset({"image", "build"})


def emit_image(service: Service, out: Data, ctx: StackContext) -> None:
    image = service.image
    if image is None and service.build is not None:
        image = built_image(ctx.project.name, service.name, ctx.options.image_prefix)
    if image is not None:
        out["image"] = image
    if service.build is not None:
        where = ("a registry every node of the swarm can pull from (--image-prefix names it)"
                 if ctx.options.image_prefix is None and service.image is None
                 else "a registry every node of the swarm can pull from")
        ctx.lose_key(service, "build", f"swarm does not build images: build {image!r} and"
                                       f" push it to {where} before deploying")
    elif image is None:
        ctx.lose_key(service, "image", "the service has no image, which swarm needs")
