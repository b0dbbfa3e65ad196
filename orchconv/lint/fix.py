"""Apply fixes to a YAML file, keeping its comments and formatting.

The edits run on ruamel.yaml's round-trip model (which knows comments and
quoting).  ruamel re-indents the whole file when it writes it out, though, so
the result is not written as is: the changes between ruamel's rendering of
the file before and after the edits are carried over onto the original text,
re-indented to the original's indentation, and every untouched line stays
byte for byte.  Full-line comments that followed a removed block stay in
place.  When the original cannot be aligned with ruamel's rendering, ruamel's
output is used whole.

Fixes that line edits can make exactly (orchconv/lint/textfix.py) skip ruamel
altogether; the round trip does the rest.

Edits are named (Fix.apply) and registered in EDITS; each returns whether it
changed anything, so applying the same fixes twice changes nothing more.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from orchconv.lint.finding import Fix
from orchconv.lint.fixscope import Unique
from orchconv.lint.linediff import matching_pairs, opcodes, unified_lines

Path_ = tuple[str | int, ...]
Edit = Callable[[Any, Path_, Mapping[str, str]], bool]
EDITS: dict[str, Edit] = {}


def edit(name: str) -> Callable[[Edit], Edit]:
    """Register an edit under the name a Fix's `apply` uses."""

    def register(function: Edit) -> Edit:
        EDITS[name] = function
        return function

    return register


def apply_fixes(text: str, fixes: Sequence[Fix]) -> str:
    """`text` with every fix applied; `text` itself when none changes anything."""
    unique = list(dict.fromkeys((f.document, f.path, f.apply, f.arguments) for f in fixes))
    if not unique:
        return text
    for _, _, name, _ in unique:
        if name not in EDITS:
            raise ValueError(f"unknown fix edit {name!r} (known: {', '.join(sorted(EDITS))})")
    from orchconv.lint.textfix import apply_line_edits

    edited = apply_line_edits(text, unique)  # no ruamel at all when line edits do it
    if edited is not None:
        return edited
    return round_trip_fixes(text, unique)


def round_trip_fixes(text: str, unique: Sequence[Unique]) -> str:
    """The fixes applied through ruamel.yaml's round trip (entry by entry when it can)."""
    yaml = _round_trip_yaml(text)
    from orchconv.lint.fixscope import apply_scoped

    scoped = apply_scoped(text, unique, EDITS, _round_trip_yaml(text, block=True))
    if scoped is not None:
        return scoped
    documents = list(yaml.load_all(text))
    before = dump(yaml, documents)
    changed = False
    for document, path, name, arguments in unique:
        if 0 <= document < len(documents) and path:
            changed |= EDITS[name](documents[document], path, dict(arguments))
    if not changed:
        return text
    return transplant(text, before, dump(yaml, documents))


def unified_diff(path: str, before: str, after: str) -> str:
    """A `diff -u` of one file's fix, with a/ and b/ prefixes like git."""
    lines = unified_lines(before.splitlines(keepends=True), after.splitlines(keepends=True),
                          f"a/{path}", f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)


# --- ruamel.yaml -------------------------------------------------------------


def _round_trip_yaml(text: str, *, block: bool = False) -> Any:
    """ruamel.yaml set up like the file is written; `block`: for one of its entries, cut out
    (no document start)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold long lines
    mapping, sequence, offset = guess_indentation(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.explicit_start = not block and text.lstrip().startswith("---")
    return yaml


def dump(yaml: Any, documents: list[Any]) -> str:
    stream = io.StringIO()
    yaml.dump_all(documents, stream)
    return stream.getvalue()


_OPENS_BLOCK = re.compile(r"""^[^#'"]*:\s*(?:#.*)?$""")


def guess_indentation(text: str) -> tuple[int, int, int]:
    """(mapping indent, sequence indent, dash offset) the way ruamel.yaml counts them."""
    mapping_steps: Counter[int] = Counter()
    sequence_styles: Counter[tuple[int, int]] = Counter()
    opener: int | None = None  # content column of the last `key:` that opens a block
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped in ("---", "..."):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if opener is not None:
            if stripped.startswith("- "):
                dash = indent - opener
                if dash >= 0:
                    sequence_styles[(dash + 2, dash)] += 1
            elif indent > opener:
                mapping_steps[indent - opener] += 1
        content = indent
        body = stripped
        while body.startswith("- "):
            rest = body[2:]
            content += 2 + len(rest) - len(rest.lstrip(" "))
            body = rest.lstrip(" ")
        opener = content if _OPENS_BLOCK.match(body) else None
    mapping = mapping_steps.most_common(1)[0][0] if mapping_steps else 2
    if sequence_styles:
        sequence, offset = sequence_styles.most_common(1)[0][0]
    else:
        sequence, offset = mapping + 2, mapping
    return mapping, max(sequence, offset + 2), offset


# --- carrying ruamel's changes over onto the original text --------------------


def _normal(line: str) -> str:
    return " ".join(line.split())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_filler(line: str) -> bool:
    """Blank or only a comment: no YAML content."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def transplant(original: str, before: str, after: str) -> str:
    """Apply the change `before` -> `after` (ruamel renderings) to `original`."""
    ours = original.splitlines(keepends=True)
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in original else "\n"
    aligned = _align(old, ours)
    out: list[str] = []
    position = 0
    for tag, i1, i2, j1, j2 in opcodes(old, new):
        if tag == "equal":
            continue
        span = _span_in_original(aligned, i1, i2, len(old), len(ours))
        if span is None or span[0] < position:
            return after  # no safe place for this change: take ruamel's whole output
        start, end = span
        out.extend(ours[position:start])
        context = (_indent_context(old, ours, aligned, i1, _lowest_indent(new[j1:j2]))
                   if j2 > j1 else [])  # a deletion places no line
        replaced = [_close_gap(ours[start:end], _comment_spacing(ours[start:end], line))
                    for line in _reindent(new[j1:j2], context)]
        replaced = _keep_block_comments(ours[start:end], replaced)
        for line in replaced:
            out.append(line.rstrip("\r\n") + newline)
        _keep_trailing_fillers(ours[start:end], out)
        position = end
    out.extend(ours[position:])
    return "".join(out)


def _align(old: list[str], ours: list[str]) -> dict[int, int]:
    """Which original line each line of ruamel's rendering is (same content, modulo spacing)."""
    return dict(matching_pairs([_normal(x) for x in old], [_normal(x) for x in ours]))


def _span_in_original(aligned: dict[int, int], i1: int, i2: int, old_size: int,
                      ours_size: int) -> tuple[int, int] | None:
    if i2 > i1:
        lines = [aligned.get(i) for i in range(i1, i2)]
        if any(line is None for line in lines):
            return None
        found = [line for line in lines if line is not None]
        if found != list(range(found[0], found[0] + len(found))):
            return None
        return found[0], found[-1] + 1
    if i1 in aligned:  # an insertion goes before the line that follows it
        return aligned[i1], aligned[i1]
    if i1 == old_size:
        return ours_size, ours_size
    if i1 - 1 in aligned:
        return aligned[i1 - 1] + 1, aligned[i1 - 1] + 1
    return None


def _lowest_indent(lines: list[str]) -> int:
    return min((_indent(line) for line in lines if line.strip()), default=0)


def _indent_context(old: list[str], ours: list[str], aligned: dict[int, int], i1: int,
                    lowest: int) -> list[tuple[int, int]]:
    """(ruamel indent, original indent) of the content lines before a change, nearest first,
    up to the first one indented no deeper than `lowest` (the change's least indented line):
    _reindent never looks further, and walking to the top for every change is quadratic."""
    context: list[tuple[int, int]] = []
    for index in range(i1 - 1, -1, -1):
        if index in aligned and not _is_filler(old[index]):
            context.append((_indent(old[index]), _indent(ours[aligned[index]])))
            if context[-1][0] <= lowest:
                break
    return context


def _reindent(lines: list[str], context: list[tuple[int, int]]) -> list[str]:
    """Indent ruamel's new lines like their siblings (or parent) in the original."""
    result: list[str] = []
    placed: list[tuple[int, int]] = []  # the new lines already placed, nearest first
    for line in lines:
        if not line.strip():
            result.append(line)
            continue
        theirs = _indent(line)
        ours = theirs
        for ruamel_indent, original_indent in [*placed, *context]:
            if ruamel_indent == theirs:  # a sibling
                ours = original_indent
                break
            if ruamel_indent < theirs:  # the parent: keep ruamel's step below it
                ours = original_indent + theirs - ruamel_indent
                break
        result.append(" " * ours + line[theirs:])
        if not _is_filler(line):
            placed.insert(0, (theirs, ours))
    return result


def _key_of(line: str) -> str:
    return line.split(":", 1)[0].strip()


def _comment_spacing(removed: list[str], new: str) -> str:
    """`new` with the spaces before its end-of-line comment as the removed line of the same
    key had them, when both end with the same comment (ruamel moves comments about)."""
    line = new.rstrip("\r\n")
    original = next((o for o in removed if _key_of(o) == _key_of(line)), None)
    if original is None:
        return new
    body = original.rstrip("\r\n")
    for match in re.finditer(r"\s#", body):
        comment = body[match.start() + 1:]
        if line.endswith(comment) and line[: -len(comment)].endswith((" ", "\t")):
            content = body[: match.start() + 1]
            gap = content[len(content.rstrip()):]
            return line[: -len(comment)].rstrip() + gap + comment + new[len(line):]
    return new


def _keep_block_comments(removed: list[str], replaced: list[str]) -> list[str]:
    """`replaced` with the full-line comments that stood at the top of a block (right under
    its `key:`) which ruamel drops when the block becomes a one-line value: each kept on its
    own line, just above the key, at its indent.  When the key itself is gone, so are they."""
    result = list(replaced)
    for index, line in enumerate(removed):
        if _is_filler(line) or not _OPENS_BLOCK.match(line.strip()):
            continue
        comments: list[str] = []
        for following in removed[index + 1:]:
            if not following.strip():
                continue
            if not following.strip().startswith("#") or _indent(following) <= _indent(line):
                break
            comments.append(following.strip())
        if not comments or any(c in other for c in comments for other in replaced):
            continue
        key = _key_of(line)
        at = next((n for n, other in enumerate(result)
                   if not _is_filler(other) and _key_of(other) == key), None)
        if at is not None:
            result[at:at] = [" " * _indent(result[at]) + c + "\n" for c in comments]
    return result


_GAPPED_VALUE = re.compile(r"^(\s*[^\s#'\"][^#'\"]*?:) {2,}(?=[^\s#])")


def _close_gap(removed: list[str], line: str) -> str:
    """`key:         [db]` -> `key: [db]`: the room ruamel keeps for a comment that stood
    after `key:` when the block under it is replaced by a one-line value."""
    match = _GAPPED_VALUE.match(line)
    if match is None:
        return line
    original = next((o for o in removed if _key_of(o) == _key_of(line)), None)
    if original is None or not _OPENS_BLOCK.match(original.strip()):
        return line
    return match.group(1) + " " + line[match.end():]


def _keep_trailing_fillers(removed: list[str], out: list[str]) -> None:
    """Full-line comments (and blank lines) after a removed block stay: they introduce
    what follows.  Comments indented deeper than the block's first line were its own."""
    if not removed:
        return
    block_indent = _indent(removed[0])
    kept: list[str] = []
    for line in reversed(removed[1:]):
        if not _is_filler(line):
            break
        if line.strip() and _indent(line) > block_indent:
            continue
        kept.insert(0, line)
    while kept and not kept[0].strip() and (not out or not out[-1].strip()):
        kept.pop(0)  # no blank line at the top of a document or after another one
    out.extend(kept)


# --- the edits ---------------------------------------------------------------


def _resolve(root: Any, path: Path_) -> Any:
    node = root
    for part in path:
        if isinstance(node, dict) and part in node:
            node = node[part]
            continue
        in_list = isinstance(node, list) and isinstance(part, int)
        if not (in_list and -len(node) <= int(part) < len(node)):
            return None
        node = node[part]
    return node


@edit("remove-key")
def remove_key(root: Any, path: Path_, arguments: Mapping[str, str]) -> bool:
    """Delete the key (or list item) at `path`."""
    parent, key = _resolve(root, path[:-1]), path[-1]
    if isinstance(parent, dict) and key in parent:
        del parent[key]
        return True
    if isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent):
        del parent[key]
        return True
    return False


def _yaml_value(text: str) -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="rt").load(text)


@edit("set-key")
def set_key(root: Any, path: Path_, arguments: Mapping[str, str]) -> bool:
    """Set the key at `path` to the YAML value in argument `value` (added at the end of
    its mapping when missing)."""
    parent, key = _resolve(root, path[:-1]), path[-1]
    value = _yaml_value(arguments["value"])
    if isinstance(parent, dict):
        if key in parent and parent[key] == value and type(parent[key]) is type(value):
            return False
        parent[key] = value
        return True
    if isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent):
        if parent[key] == value and type(parent[key]) is type(value):
            return False
        parent[key] = value
        return True
    return False


@edit("rename-key")
def rename_key(root: Any, path: Path_, arguments: Mapping[str, str]) -> bool:
    """Rename the key at `path` to argument `to`, in place, with its comments."""
    from ruamel.yaml.comments import CommentedMap

    parent, key, new = _resolve(root, path[:-1]), path[-1], arguments["to"]
    if not isinstance(parent, CommentedMap) or key not in parent or new in parent:
        return False
    position = list(parent).index(key)
    comments = getattr(parent, "ca", None)
    attached = comments.items.pop(key, None) if comments is not None else None
    value = parent.pop(key)
    parent.insert(position, new, value)
    if attached is not None and comments is not None:
        comments.items[new] = attached
    return True


_DIGEST = "@"


def image_has_tag(image: str) -> bool:
    """Whether an image reference names a tag or a digest (`host:5000/app` has neither)."""
    if _DIGEST in image:
        return True
    return ":" in image.rsplit("/", 1)[-1]


@edit("add-image-tag")
def add_image_tag(root: Any, path: Path_, arguments: Mapping[str, str]) -> bool:
    """Append `:TAG` (argument `tag`) to the image reference at `path` when it has none."""
    parent, key = _resolve(root, path[:-1]), path[-1]
    image = _resolve(root, path)
    if not isinstance(image, str) or not image or image_has_tag(image):
        return False
    tagged = f"{image}:{arguments['tag']}"
    # keep the scalar's quoting: ruamel's quoted strings are str subclasses
    parent[key] = type(image)(tagged) if type(image) is not str else tagged
    return True


_RESTART_CONDITIONS = {"no": "none", "always": "any", "unless-stopped": "any",
                       "on-failure": "on-failure"}


def swarm_restart_policy(restart: str) -> dict[str, Any] | None:
    """deploy.restart_policy for a `restart` value; None when the value is not valid.

    `no` becomes condition `none` (what the file meant; docker/cli would set no
    policy, which swarm runs as `any`), `always` and `unless-stopped` become
    `any`, `on-failure` stays; a `:N` count becomes max_attempts, as docker/cli's
    convertRestartPolicy does.
    """
    name, _, count = restart.partition(":")
    condition = _RESTART_CONDITIONS.get(name)
    if condition is None or (count and not count.isdigit()):
        return None
    policy: dict[str, Any] = {"condition": condition}
    if count and int(count) > 0 and condition != "none":
        policy["max_attempts"] = int(count)
    return policy


@edit("move-restart-to-deploy")
def move_restart_to_deploy(root: Any, path: Path_, arguments: Mapping[str, str]) -> bool:
    """Replace a service's `restart` (at `path`) by deploy.restart_policy."""
    from ruamel.yaml.comments import CommentedMap

    service, key = _resolve(root, path[:-1]), path[-1]
    if not isinstance(service, CommentedMap) or key not in service:
        return False
    deploy = service.get("deploy")
    if isinstance(deploy, dict) and "restart_policy" in deploy:
        del service[key]  # docker/cli ignores `restart` when restart_policy is set
        return True
    policy = swarm_restart_policy(str(service[key]))
    if policy is None or (deploy is not None and not isinstance(deploy, dict)):
        return False
    block = CommentedMap(policy)
    if isinstance(deploy, dict):
        deploy["restart_policy"] = block
        del service[key]
    else:
        position = list(service).index(key)
        del service[key]
        service.insert(position, "deploy", CommentedMap({"restart_policy": block}))
    return True
