"""The CI recipes in examples/ci/ run, and publish the reports their CI shows.

Each recipe runs on a copy of examples/ci/project (clean: every job passes) and
on a dirty copy (a plaintext secret and a lossy `depends_on`: lint and the
strict conversion fail, and the reports are still there to publish).  The
GitLab pipeline runs in gitlab-ci-local's shell executor; the GitHub workflow
is checked by actionlint and its `run` steps are run in order with the
workflow's own `if:` rules; the Jenkinsfile is read by tests/ci/jenkinsfile.py
and its `sh` steps are run the way Jenkins runs them (`sh -xe`).

orchconv is never installed here: the recipes' install step is pointed at the
venv running these tests (GitLab, Jenkins), or finds orchconv already
installed with the index switched off (GitHub).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.ci.jenkinsfile import Call, JenkinsfileError, Pipeline, parse
from tests.peers import require_peer

ROOT = Path(__file__).resolve().parents[2]
CI = ROOT / "examples" / "ci"
VENV = Path(sys.prefix)  # the venv running the tests, where orchconv is installed
SECRET = "hunter2-not-for-reports"


# ---- projects and reports -----------------------------------------------------

def project(tmp_path: Path, *, dirty: bool) -> Path:
    """A copy of the example project; dirty adds a finding and a strict loss."""
    dest = tmp_path / ("dirty" if dirty else "clean")
    shutil.copytree(CI / "project", dest)
    if dirty:
        compose = dest / "compose.yaml"
        text = compose.read_text()
        text = text.replace("      LOG_LEVEL: info\n",
                            f"      LOG_LEVEL: info\n      DB_PASSWORD: {SECRET}\n")
        text = text.replace("    image: nginx:1.27-alpine\n",
                            "    image: nginx:1.27-alpine\n    depends_on: [api]\n")
        compose.write_text(text)
    return dest


def step_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ORCHCONV_", "COMPOSE_"))}
    env["PATH"] = f"{VENV / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["PIP_NO_INDEX"] = "1"  # an install step may only find what is installed
    env.update(extra)
    return env


def check_junit(path: Path, *, failures: bool) -> None:
    suites = ET.parse(path).getroot()
    assert suites.tag == "testsuites"
    found = list(suites.iter("failure"))
    assert bool(found) == failures, path.read_text()
    if failures:
        assert "plaintext-secret-in-environment" in path.read_text()
    assert SECRET not in path.read_text()


def check_codeclimate(path: Path, *, failures: bool) -> None:
    issues = json.loads(path.read_text())
    assert isinstance(issues, list)
    assert bool(issues) == failures
    for issue in issues:  # the fields GitLab's Code Quality widget reads
        assert issue["description"] and issue["check_name"] and issue["fingerprint"]
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == "compose.yaml"
        assert issue["location"]["positions"]["begin"]["line"] >= 1
    if failures:
        assert "plaintext-secret-in-environment" in {i["check_name"] for i in issues}
    assert SECRET not in path.read_text()


def check_sarif(path: Path, tmp_path: Path, *, failures: bool, validate: bool = False) -> None:
    log = json.loads(path.read_text())
    assert log["version"] == "2.1.0"
    results = log["runs"][0]["results"]
    assert bool(results) == failures
    if failures:
        assert "plaintext-secret-in-environment" in {r["ruleId"] for r in results}
    assert SECRET not in path.read_text()
    if not validate:
        return  # the validator takes seconds: run once, where there are results to check
    tool = require_peer("sarif-multitool", "scripts/peers/install-node-peers.sh")
    done = subprocess.run([tool, "validate", str(path), "-o", str(tmp_path / "validation.sarif"),
                           "--log", "ForceOverwrite"], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not re.search(r": error [A-Z]+\d+:", done.stdout), done.stdout


def check_manifests(folder: Path) -> None:
    assert (folder / "kustomization.yaml").is_file()
    kinds = sorted(yaml.safe_load(p.read_text())["kind"] for p in folder.glob("*.yaml")
                   if p.name != "kustomization.yaml")
    assert kinds == ["Deployment", "Deployment", "Service", "Service"]


def check_losses(path: Path, *, failures: bool) -> None:
    losses = json.loads(path.read_text())["losses"]
    assert [loss["path"] for loss in losses] == (["services.web.depends_on"] if failures else [])


# ---- GitHub Actions -----------------------------------------------------------

WORKFLOW = CI / "github" / "orchconv.yml"


@pytest.mark.peer
def test_workflow_passes_actionlint(tmp_path: Path) -> None:
    actionlint = require_peer("actionlint", "scripts/peers/install-ci-peers.sh")
    done = subprocess.run([actionlint, "-no-color", str(WORKFLOW)], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    # actionlint really reads it: a misspelt input of a known action is refused
    broken = tmp_path / "orchconv.yml"
    broken.write_text(WORKFLOW.read_text().replace("python-version:", "python-versio:", 1))
    done = subprocess.run([actionlint, "-no-color", str(broken)], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 1 and "python-versio" in done.stdout


def _github_if(expr: str | None, failed: bool, cwd: Path) -> bool:
    """The step `if:` forms the workflow uses; anything else must be added here."""
    if expr is None:
        return not failed
    body = expr.strip().removeprefix("${{").removesuffix("}}").strip()
    ok = True
    for term in (t.strip() for t in body.split("&&")):
        if term == "!cancelled()":
            continue
        m = re.fullmatch(r"hashFiles\('([^']+)'\) != ''", term)
        assert m, f"no emulation for the step condition {term!r}"
        ok = ok and (cwd / m.group(1)).exists()
    return ok


def run_workflow_job(job: dict[str, Any], env: dict[str, str], cwd: Path) -> tuple[bool, int]:
    """Run the job's steps as the runner would; (failed, uploads checked)."""
    failed, uploads = False, 0
    for step in job["steps"]:
        if not _github_if(step.get("if"), failed, cwd):
            continue
        if "run" in step:
            done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                                   step["run"]], cwd=cwd, env={**env, **step.get("env", {})},
                                  capture_output=True, text=True, timeout=120, check=False)
            failed = failed or done.returncode != 0
            continue
        action = step["uses"].split("@")[0]
        if action == "github/codeql-action/upload-sarif":
            assert (cwd / step["with"]["sarif_file"]).is_file()
            uploads += 1
        elif action == "actions/upload-artifact":
            paths = [p for p in step["with"]["path"].split("\n") if p]
            assert any((cwd / p).exists() for p in paths)
            uploads += 1
        else:
            assert action in {"actions/checkout", "actions/setup-python"}, action
    return failed, uploads


@pytest.mark.peer
@pytest.mark.parametrize("dirty", [False, True], ids=["clean", "dirty"])
def test_workflow_steps_run_and_feed_the_uploads(tmp_path: Path, dirty: bool) -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    env = step_env(**{**{k: str(v) for k, v in workflow["env"].items()},
                      "ORCHCONV_PIP": "orchconv"})
    app = project(tmp_path, dirty=dirty)

    failed, uploads = run_workflow_job(workflow["jobs"]["lint"], env, app)
    assert (failed, uploads) == (dirty, 1)  # the SARIF is uploaded even when lint fails
    check_sarif(app / "orchconv.sarif", tmp_path, failures=dirty)

    failed, uploads = run_workflow_job(workflow["jobs"]["convert"], env, app)
    assert (failed, uploads) == (dirty, 1)
    check_losses(app / "orchconv-losses.json", failures=dirty)
    if dirty:
        assert not (app / "k8s").exists()  # --strict: nothing written
    else:
        check_manifests(app / "k8s")
    assert workflow["jobs"]["lint"]["permissions"]["security-events"] == "write"


# ---- GitLab CI/CD -------------------------------------------------------------

GITLAB = CI / "gitlab" / ".gitlab-ci.yml"


def run_gitlab(app: Path, home: Path) -> subprocess.CompletedProcess[str]:
    tool = require_peer("gitlab-ci-local", "scripts/peers/install-ci-peers.sh")
    shutil.copy(GITLAB, app / ".gitlab-ci.yml")
    git = ["git", "-c", "user.email=ci@example.invalid", "-c", "user.name=ci",
           "-c", "commit.gpgsign=false"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "project"]):
        subprocess.run([*git, *args], cwd=app, check=True, capture_output=True, timeout=30)
    return subprocess.run(
        [tool, "--force-shell-executor", "--shell-isolation", "--no-color", "--home", str(home),
         "--variable", f"ORCHCONV_VENV={VENV}"],
        cwd=app, env=step_env(), stdin=subprocess.DEVNULL, capture_output=True, text=True,
        timeout=120, check=False)


@pytest.mark.peer
@pytest.mark.parametrize("dirty", [False, True], ids=["clean", "dirty"])
def test_gitlab_pipeline_runs_in_gitlab_ci_local(tmp_path: Path, dirty: bool) -> None:
    recipe = yaml.safe_load(GITLAB.read_text())
    reports = recipe["orchconv-lint"]["artifacts"]["reports"]
    app = project(tmp_path, dirty=dirty)
    done = run_gitlab(app, tmp_path / "home")
    log = done.stdout + done.stderr
    assert (done.returncode != 0) == dirty, log
    artifacts = app / ".gitlab-ci-local" / "artifacts"
    # artifacts `when: always`: the reports are there for GitLab to show, above all on failure
    check_codeclimate(artifacts / "orchconv-lint" / reports["codequality"], failures=dirty)
    check_junit(artifacts / "orchconv-lint" / reports["junit"], failures=dirty)
    if dirty:
        assert re.search(r"FAIL\s+orchconv-lint", log), log
        assert not re.search(r"orchconv-convert\s+starting", log), log  # its stage never ran
    else:
        assert re.search(r"PASS\s+orchconv-convert", log), log
        check_manifests(artifacts / "orchconv-convert" / "k8s")
        check_losses(artifacts / "orchconv-convert" / "orchconv-losses.json", failures=False)


# ---- Jenkins ------------------------------------------------------------------

JENKINSFILE = CI / "jenkins" / "Jenkinsfile"


def _step(steps: list[Call], name: str) -> Call:
    [found] = [s for s in steps if s.name == name]
    return found


def _sarif_tool(steps: list[Call]) -> Call:
    """recordIssues' one tool, `sarif(pattern: ...)`."""
    tools = _step(steps, "recordIssues").named["tools"]
    assert isinstance(tools, list) and len(tools) == 1
    [tool] = tools
    assert isinstance(tool, Call) and tool.name == "sarif"
    return tool


def test_jenkinsfile_is_a_declarative_pipeline() -> None:
    pipeline = parse(JENKINSFILE.read_text())
    assert [s.name for s in pipeline.stages] == ["Install orchconv", "Lint", "Convert"]
    assert all(step.name == "sh" for stage in pipeline.stages for step in stage.steps)
    always = pipeline.post["always"]
    assert _step(always, "junit").named["testResults"] == "orchconv-junit.xml"
    assert _sarif_tool(always).named["pattern"] == "orchconv.sarif"
    assert _step(always, "recordIssues").named["enabledForFailure"] is True


@pytest.mark.parametrize(("text", "message"), [
    ("pipeline { agent any\n stages { stage('a') { steps { sh 'x' } }\n}", "missing '}'"),
    ("pipeline { agent any }", "pipeline needs stages"),
    ("pipeline { stages { stage('a') { steps { sh 'x' } } } }", "pipeline needs an agent"),
    ("pipeline { agent any\n stage { }\n}", "unknown pipeline section 'stage'"),
    ("pipeline { agent any\n stages { stage('a') { steps { sh 'x' }\n steps { sh 'y' } } } }",
     "exactly one of steps"),
    ("pipeline { agent any\n stages { stage('a') { steps { sh \"echo ${HOME}\" } } } }",
     "use single quotes"),
    ("pipeline { agent any\n stages { stage('a') { steps { sh 'x } } } }", "unterminated string"),
    ("pipeline { agent any\n stages { stage('a') { steps { sh 'x' } } }\n"
     " post { sometimes { sh 'y' } } }", "unknown post condition 'sometimes'"),
])
def test_jenkinsfile_reader_refuses_broken_pipelines(text: str, message: str) -> None:
    with pytest.raises(JenkinsfileError, match=re.escape(message)):
        parse(text)


def test_jenkinsfile_reader_reads_strings_comments_and_continuations() -> None:
    text = """// a { brace in a comment
pipeline {
    agent any
    /* and } here */
    environment { GREETING = 'a } b' }
    stages {
        stage('one') {
            steps {
                sh '''printf '%s\\n' "{ }"'''
                sh(script: 'echo \\'quoted\\'')
                archiveArtifacts artifacts: 'a/**',
                    allowEmptyArchive: true
            }
        }
    }
}
"""
    pipeline = parse(text)
    assert pipeline.environment == {"GREETING": "a } b"}
    steps = pipeline.stages[0].steps
    assert steps[0].positional == ["printf '%s\n' \"{ }\""]  # Groovy decodes \\n here too
    assert steps[1].named == {"script": "echo 'quoted'"}
    assert steps[2].named == {"artifacts": "a/**", "allowEmptyArchive": True}


def run_jenkins(pipeline: Pipeline, app: Path) -> list[str]:
    """Run the stages' sh steps as Jenkins does (`sh -xe`, in the workspace, with the
    pipeline's environment); a failing step ends the stages.  The stages that ran."""
    env = step_env(**pipeline.environment)
    env["ORCHCONV_VENV"] = str(VENV)  # its install step then finds orchconv there
    ran = []
    for stage in pipeline.stages:
        ran.append(stage.name)
        for step in stage.steps:
            script = step.positional[0] if step.positional else step.named["script"]
            assert isinstance(script, str)
            done = subprocess.run(["/bin/sh", "-xe", "-c", script], cwd=app, env=env,
                                  capture_output=True, text=True, timeout=120, check=False)
            if done.returncode != 0:
                return ran
    return ran


def _shellcheck(script: str) -> subprocess.CompletedProcess[str]:
    tool = require_peer("shellcheck", "scripts/peers/install-ci-peers.sh (from Debian)")
    return subprocess.run([tool, "--shell=sh", "-"], input=script, capture_output=True,
                          text=True, timeout=60, check=False)


@pytest.mark.peer
def test_gitlab_and_jenkins_shell_lines_pass_shellcheck() -> None:
    # (actionlint runs shellcheck on the workflow's `run:` steps itself)
    gitlab = yaml.safe_load(GITLAB.read_text())
    lines = [*gitlab["default"]["before_script"],
             *(line for job in ("orchconv-lint", "orchconv-convert")
               for line in gitlab[job]["script"])]
    jenkins = parse(JENKINSFILE.read_text())
    lines += [str(step.positional[0]) for stage in jenkins.stages for step in stage.steps]
    assert len(lines) == 9
    for line in lines:
        done = _shellcheck(line)
        assert done.returncode == 0, f"{line}\n{done.stdout}"
    # the check bites: an unquoted path is word-split
    assert _shellcheck('"$ORCHCONV_VENV"/bin/orchconv lint -o $OUT .').returncode == 1


@pytest.mark.peer
@pytest.mark.parametrize("dirty", [False, True], ids=["clean", "dirty"])
def test_jenkinsfile_steps_run_and_leave_what_post_publishes(tmp_path: Path, dirty: bool) -> None:
    pipeline = parse(JENKINSFILE.read_text())
    app = project(tmp_path, dirty=dirty)
    ran = run_jenkins(pipeline, app)
    assert ran == (["Install orchconv", "Lint"] if dirty else [s.name for s in pipeline.stages])
    always = pipeline.post["always"]  # post { always } runs after a failed stage too
    check_junit(app / str(_step(always, "junit").named["testResults"]), failures=dirty)
    check_sarif(app / str(_sarif_tool(always).named["pattern"]), tmp_path, failures=dirty,
                validate=dirty)
    if not dirty:
        patterns = str(_step(always, "archiveArtifacts").named["artifacts"]).split(", ")
        assert patterns == ["k8s/**", "orchconv-losses.json"]
        check_manifests(app / "k8s")
        check_losses(app / "orchconv-losses.json", failures=False)


# ---- docs/ci.md ---------------------------------------------------------------

def test_docs_excerpts_are_the_recipes_own_lines() -> None:
    doc = (ROOT / "docs" / "ci.md").read_text()
    excerpts = re.findall(r"<!-- from (\S+) -->\n```\w*\n(.*?)```", doc, flags=re.S)
    assert len(excerpts) == 4
    for path, block in excerpts:
        recipe = (ROOT / path).read_text().splitlines()
        for line in block.splitlines():
            assert line in recipe, f"docs/ci.md quotes a line {path} does not have: {line!r}"
    for recipe in ("github/orchconv.yml", "gitlab/.gitlab-ci.yml", "jenkins/Jenkinsfile"):
        assert f"examples/ci/{recipe}" in doc
