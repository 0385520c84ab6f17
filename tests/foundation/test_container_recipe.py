"""The container recipe, linted where no container engine runs (issue 20): hadolint over the Containerfile, and the
rules a reviewer would check by hand: pinned base images, a non-root user, a health check, static files collected at
build, no secret in the image or the compose file, and every setting the app reads documented in docs/operations.md."""

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTAINERFILE = (ROOT / "Containerfile").read_text()
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
OPERATIONS = (ROOT / "docs" / "operations.md").read_text()
CONF = ROOT / "src" / "loket" / "conf"
# Read by the settings, but not for production: switched off or fixed there, or only for tests and development.
NOT_FOR_PRODUCTION = {"Q_SYNC", "LOKET_STAFF_2FA", "LOKET_VAR_DIR_TEST"}
# An exact release (3.11.14-slim-bookworm; PostgreSQL's are major.minor: 15.14) or a digest, never `latest` or `3.11`.
EXACT_IMAGE = re.compile(
    r"^[\w.\-/]+:(\d+\.\d+\.\d+|(?<=postgres:)\d+\.\d+)[\w.\-]*(@sha256:[0-9a-f]{64})?$|^[\w.\-/]+@sha256:[0-9a-f]{64}$"
)
SECRET_NAME = re.compile(r"SECRET|PASSWORD|_KEY$")


def _instructions() -> list[tuple[str, str]]:
    joined = re.sub(r"\\\n", " ", CONTAINERFILE)
    lines = [
        line.strip() for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "") for line in lines]


def _environment_read_by_settings() -> set[str]:
    names = set()
    for module in ("base.py", "production.py", "gunicorn.py"):
        source = (CONF / module).read_text()
        names |= set(
            re.findall(
                r"""(?:environ\.get|environ\[|env_bool|env_list)\(?\s*["']([A-Z][A-Z0-9_]+)["']""", source
            )
        )
    return names


def test_hadolint_finds_nothing():
    hadolint = Path(sys.executable).with_name("hadolint")
    result = subprocess.run([str(hadolint), str(ROOT / "Containerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_containerfile_rules():
    instructions = _instructions()
    args = dict(
        re.match(r"(\w+)=(\S+)", value).groups()
        for kind, value in instructions
        if kind == "ARG" and "=" in value
    )
    stages = []
    for kind, value in instructions:
        if kind == "FROM":
            image, _, stage = value.partition(" AS ")
            image = re.sub(r"\$\{(\w+)\}", lambda m: args[m[1]], image.strip())
            assert image in stages or EXACT_IMAGE.match(image), (
                f"base image not pinned to an exact release: {image}"
            )
            stages.append(stage.strip())
    assert len(stages) >= 2, "multi-stage: build and runtime"

    runtime = instructions[max(i for i, (kind, _) in enumerate(instructions) if kind == "FROM") :]
    users = [value for kind, value in runtime if kind == "USER"]
    assert users and users[-1].split(":")[0] not in {"0", "root"}, "the runtime stage must not run as root"
    assert any(kind == "HEALTHCHECK" and "loket.conf.healthcheck" in value for kind, value in runtime)
    assert any(
        kind == "CMD" and "gunicorn" in value and "loket.conf.gunicorn" in value for kind, value in runtime
    )
    assert any(kind == "RUN" and "collectstatic" in value for kind, value in instructions)
    for kind, value in instructions:
        if kind in {"ENV", "ARG"}:
            for name, _ in re.findall(r"(\w+)=(\S*)", value):
                assert not SECRET_NAME.search(name), f"{kind} {name}: a secret baked into the image"


def test_compose_has_the_services_pinned_and_no_secret():
    services = COMPOSE["services"]
    assert {"web", "worker", "db", "redis", "migrate"} <= set(services)
    assert services["redis"]["profiles"] == ["redis"], "Redis is optional"
    assert services["worker"]["command"] == ["loket-manage", "qcluster"]
    for name in ("db", "redis"):
        assert EXACT_IMAGE.match(services[name]["image"]), services[name]["image"]
    for name, service in services.items():
        for variable, value in (service.get("environment") or {}).items():
            if SECRET_NAME.search(variable) or "://" in str(value):
                assert re.fullmatch(r"[^$]*(\$\{[A-Z_]+(:[?-][^}]*)?\}[^$]*)+", str(value)) or value == "", (
                    f"{name}.{variable} must come from the environment (.env), not be written in compose.yaml"
                )


def test_every_setting_the_app_reads_is_documented_and_compose_passes_only_those():
    read = _environment_read_by_settings() - NOT_FOR_PRODUCTION
    undocumented = sorted(
        name for name in read if f"`{name}`" not in OPERATIONS and f"`{name}=" not in OPERATIONS
    )
    assert undocumented == [], f"document these in docs/operations.md (Settings): {undocumented}"

    passed = set(COMPOSE["services"]["web"]["environment"]) | set(
        COMPOSE["services"]["worker"]["environment"]
    )
    unknown = sorted(passed - read - {"DJANGO_SETTINGS_MODULE", "WEB_CONCURRENCY"})
    assert unknown == [], f"compose.yaml passes variables no setting reads: {unknown}"


def test_every_loket_management_command_is_documented():
    commands = sorted(path.stem for path in (ROOT / "src" / "loket").glob("*/management/commands/[!_]*.py"))
    assert len(commands) >= 16
    undocumented = [name for name in commands if f"`{name}" not in OPERATIONS]
    assert undocumented == [], f"document these in docs/operations.md (Management commands): {undocumented}"
