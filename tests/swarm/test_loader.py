"""load_stack: stack files read with docker/cli's rules (cli/compose/loader, schema)."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.errors import InputError
from orchconv.translate.compose.load_result import LoadResult
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.swarm.loader import load_stack
from orchconv.translate.swarm.version import declared_version
from tests.goldens import inside


def load(folder: Path, text: str, env: dict[str, str] | None = None,
         extra: dict[str, str] | None = None) -> LoadResult:
    (folder / "stack.yml").write_text(text)
    for name, content in (extra or {}).items():
        (folder / name).write_text(content)
    with inside(folder):  # errors name files relative to the current folder
        return load_stack(LoadOptions(files=(Path("stack.yml"),), working_dir=folder,
                                      os_environ=env or {}))


def error_of(folder: Path, text: str, env: dict[str, str] | None = None) -> str:
    with pytest.raises(InputError) as caught:
        load(folder, text, env)
    return str(caught.value)


@pytest.mark.parametrize(("value", "version"), [
    (None, "3.13"), ("3", "3.13"), ("", "3.13"), ("3.8", "3.8"), (3, "3.13"), (3.0, "3.13"),
    (3.10, "3.1"), (2.4, "2.4"),
])
def test_declared_version_as_docker_cli_prints_it(value: object, version: str) -> None:
    document = {} if value is None else {"version": value}
    assert declared_version(document) == version


def test_versions_print_as_go_does() -> None:
    # %v of a float64 (docker/cli): 1e6 is "1e+06", -0.0 is "-0", as compose-go prints them
    assert [declared_version({"version": v}) for v in (3.0, 3.5, 1e6, -0.0, True)] == [
        "3.13", "3.5", "1e+06", "-0", "true"]


def test_a_missing_version_is_the_newest(tmp_path: Path) -> None:
    # the 3.13 schema admits oom_score_adj (3.8's refuses it); stack deploy never applies it
    result = load(tmp_path, "services:\n  a:\n    image: x\n    oom_score_adj: 5\n")
    assert [loss.path for loss in result.losses] == ["services.a.oom_score_adj"]


def test_the_declared_version_picks_the_schema(tmp_path: Path) -> None:
    text = ('version: "3.4"\nservices:\n  a:\n    image: x\n'
            "    healthcheck:\n      start_interval: 1s\n")
    assert error_of(tmp_path, text) == (
        "stack.yml:6:7: services.a.healthcheck: additional property 'start_interval'"
        " is not allowed")


@pytest.mark.parametrize("version", ['"2.4"', '"3.14"', '"1"'])
def test_versions_without_a_schema_are_refused(tmp_path: Path, version: str) -> None:
    message = error_of(tmp_path, f"version: {version}\nservices:\n  a:\n    image: x\n")
    assert message.startswith("stack.yml:1:10: unsupported stack file version")


def test_an_unquoted_version_must_be_a_string(tmp_path: Path) -> None:
    message = error_of(tmp_path, "version: 3.8\nservices:\n  a:\n    image: x\n")
    assert message == "stack.yml:1:10: version must be a string"


@pytest.mark.parametrize(("key", "value"), [
    ("extends", "b"), ("volumes_from", "[b]"), ("cpu_shares", "512"), ("mem_limit", "1g"),
    ("memswap_limit", "1g"), ("cpu_quota", "5000"), ("cpuset", '"0"'), ("volume_driver", "x"),
])
def test_forbidden_keys_are_refused_at_the_key(tmp_path: Path, key: str, value: str) -> None:
    text = (f'version: "3.8"\nservices:\n  a:\n    image: x\n    {key}: {value}\n'
            "  b:\n    image: y\n")
    message = error_of(tmp_path, text)
    assert message.startswith(f"stack.yml:5:5: services.a.{key} is not allowed in a stack file")


def test_forbidden_keys_are_refused_before_interpolation(tmp_path: Path) -> None:
    text = 'version: "3.8"\nservices:\n  a:\n    image: ${NOPE?unset}\n    extends: b\n'
    assert "extends is not allowed" in error_of(tmp_path, text)


@pytest.mark.parametrize(("service", "message"), [
    ("    depends_on:\n      b:\n        condition: service_started\n",
     "services.a.depends_on must be a list"),
    ('    ports:\n      - target: 80\n        published: "80"\n',
     "services.a.ports[0].published must be an integer"),
    ("    cpus: 0.5\n", "services.a: additional property 'cpus' is not allowed"),
    ("    deploy:\n      resources:\n        limits:\n          cpus: 0.5\n",
     "services.a.deploy.resources.limits.cpus must be a string"),
    ("    profiles: [x]\n", "services.a: additional property 'profiles' is not allowed"),
])
def test_docker_cli_shapes(tmp_path: Path, service: str, message: str) -> None:
    text = f'version: "3.8"\nservices:\n  a:\n    image: x\n{service}  b:\n    image: y\n'
    assert error_of(tmp_path, text).split(": ", 1)[1] == message


def test_a_top_level_name_is_refused(tmp_path: Path) -> None:
    message = error_of(tmp_path, 'version: "3.8"\nname: shop\nservices:\n  a:\n    image: x\n')
    assert message == "stack.yml:2:1: top level: additional property 'name' is not allowed"


def test_interpolated_values_are_cast(tmp_path: Path) -> None:
    text = ('version: "3.8"\nservices:\n  a:\n    image: x\n    ports:\n'
            '      - target: 80\n        published: ${PORT}\n')
    result = load(tmp_path, text, env={"PORT": "8080"})
    assert result.project.services["a"].ports[0].published == "8080"


def test_no_dot_env_is_read(tmp_path: Path) -> None:
    result = load(tmp_path, 'version: "3.8"\nservices:\n  a:\n    image: ${IMAGE:-busybox}\n',
                  extra={".env": "IMAGE=from-dotenv\n"})
    assert result.project.services["a"].image == "busybox"


def test_ignored_keys_are_lost_or_warned_about_and_version_is_not(tmp_path: Path) -> None:
    text = ('version: "3.8"\nservices:\n  a:\n    image: x\n    restart: always\n'
            "    privileged: true\n    container_name: a1\n")
    result = load(tmp_path, text)
    # docker/cli warns about restart but applies it as the restart policy
    assert result.warnings == ["swarm ignores these service options: restart"]
    assert [(str(loss.loc), loss.path) for loss in result.losses] == [
        ("stack.yml:6:5", "services.a.privileged"), ("stack.yml:7:5", "services.a.container_name")]


def test_short_ports_mean_what_docker_cli_makes_of_them(tmp_path: Path) -> None:
    text = ('version: "3.8"\nservices:\n  a:\n    image: x\n    ports:\n'
            '      - "8000-8002:80"\n      - "127.0.0.1:9000:9000"\n')
    result = load(tmp_path, text)
    ports = result.project.services["a"].ports
    assert [(p.published, p.target, p.host_ip) for p in ports] == [
        ("8000", 80, None), ("8001", 80, None), ("8002", 80, None), ("9000", 9000, None)]
    assert any("127.0.0.1" in w for w in result.warnings)


def test_every_file_must_declare_the_same_version(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text('version: "3.8"\nservices:\n  a:\n    image: x\n')
    (tmp_path / "b.yml").write_text('version: "3.7"\nservices:\n  b:\n    image: x\n')
    with inside(tmp_path), pytest.raises(InputError, match=r"^b\.yml:1:10: version '3\.7'"):
        load_stack(LoadOptions(files=(Path("a.yml"), Path("b.yml")), working_dir=tmp_path,
                               os_environ={}))


def test_an_external_volume_cannot_set_a_driver(tmp_path: Path) -> None:
    text = ('version: "3.8"\nservices:\n  a:\n    image: x\nvolumes:\n  v:\n'
            "    external: true\n    driver: local\n")
    assert error_of(tmp_path, text) == (
        "stack.yml:8:5: volumes.v: an external volume cannot set 'driver'")


def test_a_secret_cannot_have_a_driver_and_a_file(tmp_path: Path) -> None:
    text = ('version: "3.8"\nservices:\n  a:\n    image: x\nsecrets:\n  s:\n'
            "    driver: vault\n    file: ./s.txt\n")
    assert error_of(tmp_path, text) == (
        "stack.yml:8:5: secrets.s: driver and file conflict; only use driver")


def test_include_is_not_a_stack_key(tmp_path: Path) -> None:
    message = error_of(tmp_path, 'version: "3.8"\ninclude: [other.yml]\nservices: {}\n')
    assert "additional property 'include' is not allowed" in message


def test_the_wordpress_stack_example_loads(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "wordpress-stack"
    result = load_stack(LoadOptions(files=(example / "docker-compose.yml",),
                                    working_dir=example, os_environ={}))
    assert sorted(result.project.services) == ["mysql", "wordpress"]
    assert result.warnings == ["swarm ignores these service options: restart"]
