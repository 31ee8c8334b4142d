"""The production setup: gunicorn.conf.py and the files in deploy/.

nginx accepts the site and, in front of gunicorn, serves the site over TLS
with static files and uploads from disk; systemd accepts the units once their
placeholders are filled; `make run` serves with gunicorn and `make dev` with
the reloading development server; docs/deploy.md shows every file as it is.
"""
from __future__ import annotations

import configparser
import fnmatch
import grp
import http.client
import os
import pwd
import re
import runpy
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

from cms.testing import require

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
NGINX_SITE = DEPLOY / "nginx" / "sen-cms.conf"
UNITS = DEPLOY / "systemd"
ENV_EXAMPLE = DEPLOY / "sen-cms.env.example"
GUNICORN_CONF = ROOT / "gunicorn.conf.py"
DOCS = ROOT / "docs" / "deploy.md"
BIN = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"@[A-Z_]+@")


def render(path: Path, **values: str) -> str:
    """A deploy file with its ``@NAME@`` placeholders filled in."""
    text = path.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    assert not PLACEHOLDER.search(text), f"{path.name}: unfilled {PLACEHOLDER.findall(text)}"
    return text


def replace_once(text: str, old: str, new: str) -> str:
    """A test-only change (ports, log folder) that must find its target."""
    assert old in text, f"expected {old!r} in the shipped config"
    return text.replace(old, new)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"exited with {process.returncode}"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nothing listens on {port} after {seconds} s")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")


def environment(**values: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("CMS_", "PORT"))}
    return {**env, **values}


# -- gunicorn -----------------------------------------------------------------------------------------------


def load_gunicorn_conf(monkeypatch, **env: str) -> dict:
    for name in ("PORT", "CMS_WORKERS", "CMS_THREADS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(GUNICORN_CONF))


def test_gunicorn_takes_port_and_workers_from_the_environment(monkeypatch):
    defaults = load_gunicorn_conf(monkeypatch)
    assert defaults["bind"] == ["127.0.0.1:5000"] and defaults["workers"] == 2
    assert defaults["accesslog"] == "-" and defaults["errorlog"] == "-", "logs go to stdout/stderr"
    assert 0 < defaults["graceful_timeout"] <= defaults["timeout"]
    chosen = load_gunicorn_conf(monkeypatch, PORT="8123", CMS_WORKERS="5", CMS_THREADS="8")
    assert chosen["bind"] == ["127.0.0.1:8123"] and chosen["workers"] == 5 and chosen["threads"] == 8
    with pytest.raises(RuntimeError, match="CMS_WORKERS must be a whole number"):
        load_gunicorn_conf(monkeypatch, CMS_WORKERS="two")


@pytest.fixture(scope="module")
def site_instance(tmp_path_factory) -> Path:
    """An instance folder with a migrated SQLite database and one upload."""
    instance = tmp_path_factory.mktemp("served-instance")
    done = subprocess.run([BIN / "flask", "--app", "wsgi", "cms", "init"], cwd=ROOT, capture_output=True, text=True,
                          env=environment(CMS_INSTANCE=str(instance)))
    assert done.returncode == 0, done.stderr
    (instance / "uploads" / "media").mkdir(parents=True)
    (instance / "uploads" / "media" / "logo.png").write_bytes(b"\x89PNG served by nginx")
    return instance


@pytest.mark.slow  # starts gunicorn
def test_gunicorn_accepts_its_config(site_instance):
    done = subprocess.run([BIN / "gunicorn", "--check-config", "--config", str(GUNICORN_CONF), "wsgi:app"], cwd=ROOT,
                          capture_output=True, text=True, env=environment(CMS_INSTANCE=str(site_instance)))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def gunicorn_server(site_instance) -> Iterator[int]:
    """The site served as `make run` and the systemd unit serve it."""
    port = free_port()
    process = subprocess.Popen([BIN / "gunicorn", "--config", str(GUNICORN_CONF), "wsgi:app"], cwd=ROOT,
                               env=environment(CMS_INSTANCE=str(site_instance), PORT=str(port), CMS_WORKERS="1"),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(port, process)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, f"no graceful stop:\n{output}"
    assert "GET /healthz" in output, "the access log goes to standard output"


@pytest.mark.slow  # starts gunicorn
def test_gunicorn_serves_the_site(gunicorn_server):
    # The master listens before its worker has built the app; on a busy
    # machine the first answer can take longer than a visitor would wait.
    connection = http.client.HTTPConnection("127.0.0.1", gunicorn_server, timeout=60)
    connection.request("GET", "/healthz")
    response = connection.getresponse()
    assert response.status == 200 and b'"status":"ok"' in response.read()


def make_dry_run(target: str) -> str:
    make = shutil.which("make")
    require(make is not None, "make is not installed")
    done = subprocess.run([make, "-n", target], cwd=ROOT, capture_output=True, text=True,
                          env=environment(PORT="5123"))
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_make_run_serves_with_gunicorn_and_make_dev_with_the_reloader():
    run = make_dry_run("run")
    assert "cms init --demo" in run and "gunicorn --config gunicorn.conf.py wsgi:app" in run
    assert "flask --app wsgi run" not in run
    dev = make_dry_run("dev")
    assert "cms init --demo" in dev and re.search(r"flask --app wsgi run --debug .*--port 5123", dev)


# -- nginx --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tls_pair(tmp_path_factory) -> tuple[Path, Path]:
    openssl = shutil.which("openssl")
    require(openssl is not None, "openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=portal.test",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def nginx_config(folder: Path, site: str) -> Path:
    """The site inside a minimal nginx.conf whose files all stay in ``folder``
    (its workers run as the test's user, who may read the test's folders)."""
    (folder / "site.conf").write_text(replace_once(site, "/var/log/nginx/", f"{folder}/"))
    main = folder / "nginx.conf"
    temp = "\n".join(f"    {kind}_temp_path {folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = f"user {pwd.getpwuid(os.getuid()).pw_name} {grp.getgrgid(os.getgid()).gr_name};\n" if os.getuid() == 0 else ""
    main.write_text(f"{user}pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{}}\nhttp {{\n"
                    f"    include /etc/nginx/mime.types;\n{temp}\n    access_log {folder}/access.log;\n"
                    f"    include {folder}/site.conf;\n}}\n")
    return main


def render_site(instance: Path, tls_pair) -> str:
    cert, key = tls_pair
    return render(NGINX_SITE, SERVER_NAME="portal.test", APP_DIR=str(ROOT), INSTANCE=str(instance),
                  TLS_CERT=str(cert), TLS_KEY=str(key))


def test_nginx_accepts_the_site(tmp_path, tls_pair):
    nginx = nginx_binary()
    require(nginx is not None, "nginx is not installed (Debian: apt install nginx)")
    config = nginx_config(tmp_path, render_site(tmp_path / "instance", tls_pair))
    done = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(config), "-e", str(tmp_path / "error.log")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def nginx_server(tmp_path, tls_pair, site_instance, gunicorn_server) -> Iterator[tuple[int, int]]:
    """nginx with the shipped site on free loopback ports, in front of gunicorn."""
    nginx = nginx_binary()
    require(nginx is not None, "nginx is not installed (Debian: apt install nginx)")
    http_port, https_port = free_port(), free_port()
    site = render_site(site_instance, tls_pair)
    site = replace_once(site, "    listen [::]:80;\n", "")
    site = replace_once(site, "    listen [::]:443 ssl http2;\n", "")
    site = replace_once(site, "listen 80;", f"listen 127.0.0.1:{http_port};")
    site = replace_once(site, "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    site = replace_once(site, "server 127.0.0.1:8000;", f"server 127.0.0.1:{gunicorn_server};")
    config = nginx_config(tmp_path, site)
    process = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(config), "-e", str(tmp_path / "error.log"),
                                "-g", "daemon off;"], stderr=subprocess.PIPE, text=True)
    try:
        wait_for(https_port, process)
        yield http_port, https_port
    finally:
        process.send_signal(signal.SIGQUIT)
        process.wait(timeout=30)


def fetch(port: int, path: str, method: str = "GET", body: bytes | None = None) -> tuple[int, dict, bytes]:
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=30, context=context)
    connection.request(method, path, body=body, headers={"Host": "portal.test"})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


@pytest.mark.slow  # starts nginx and gunicorn
def test_nginx_serves_files_from_disk_and_the_rest_from_the_app(nginx_server, site_instance):
    http_port, https_port = nginx_server
    plain = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
    plain.request("GET", "/gioi-thieu", headers={"Host": "portal.test"})
    moved = plain.getresponse()
    assert moved.status == 301 and moved.getheader("Location") == "https://portal.test/gioi-thieu"

    status, headers, body = fetch(https_port, "/healthz")
    assert status == 200 and b'"status":"ok"' in body, "proxied to gunicorn"

    css = next((ROOT / "cms" / "static").rglob("*.css"))
    path = "/static/" + css.relative_to(ROOT / "cms" / "static").as_posix()
    status, headers, body = fetch(https_port, f"{path}?v=0123456789")
    assert status == 200 and body == css.read_bytes()
    assert "immutable" in headers["Cache-Control"]
    status, headers, _ = fetch(https_port, path)
    assert status == 200 and headers["Cache-Control"] == "public, max-age=3600", "untagged URLs are kept an hour"

    status, headers, body = fetch(https_port, "/media/logo.png")
    assert status == 200 and body == (site_instance / "uploads" / "media" / "logo.png").read_bytes()
    assert "max-age=31536000" in headers["Cache-Control"] and headers["X-Content-Type-Options"] == "nosniff"

    status, _, _ = fetch(https_port, "/healthz", method="POST", body=b"x" * (3 * 1024 * 1024))
    assert status == 405, "a 3 MB body reaches the app (nginx's own limit would answer 413)"


# -- systemd ------------------------------------------------------------------------------------------------


REQUIRED = {
    ".service": {"Unit": ["Description"], "Service": ["ExecStart"]},
    ".timer": {"Unit": ["Description"], "Timer": ["OnCalendar"], "Install": ["WantedBy"]},
}


def rendered_units(folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    made = []
    for unit in sorted(UNITS.iterdir()):
        target = folder / unit.name
        target.write_text(render(unit, APP_DIR=str(ROOT), INSTANCE=str(folder / "instance")))
        made.append(target)
    return made


def test_the_systemd_units_parse_once_filled(tmp_path):
    units = rendered_units(tmp_path / "units")
    assert {unit.name for unit in units} >= {"sen-cms.service", "sen-cms-redis.service", "sen-cms-backup.service",
                                             "sen-cms-backup.timer"}
    for unit in units:
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str
        parser.read(unit)
        for section, keys in REQUIRED[unit.suffix].items():
            assert all(parser.has_option(section, key) for key in keys), f"{unit.name}: [{section}] {keys}"
    analyze = shutil.which("systemd-analyze")
    if analyze:  # it also checks that every command exists
        done = subprocess.run([analyze, "verify", "--man=no", *map(str, units)], cwd=tmp_path / "units",
                              capture_output=True, text=True)
        assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def test_the_app_unit_runs_gunicorn_with_the_repository_config(tmp_path):
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read_string(render(UNITS / "sen-cms.service", APP_DIR="/srv/sen-cms", INSTANCE="/var/lib/sen-cms"))
    assert unit["Service"]["ExecStart"].split()[:3] == [
        "/srv/sen-cms/.venv/bin/gunicorn", "--config", "/srv/sen-cms/gunicorn.conf.py"]
    assert "HUP" in unit["Service"]["ExecReload"], "reload restarts workers gracefully"
    assert unit["Service"]["EnvironmentFile"] == "/etc/sen-cms/sen-cms.env"
    assert unit["Service"]["ReadWritePaths"] == "/var/lib/sen-cms"


# -- values that must agree across files --------------------------------------------------------------------


def env_example() -> dict[str, str]:
    lines = [line for line in ENV_EXAMPLE.read_text().splitlines() if line and not line.startswith("#")]
    return dict(line.split("=", 1) for line in lines)


def test_the_files_agree_with_each_other_and_the_app(monkeypatch, tmp_path):
    from cms import create_app
    from cms.operations.backup import default_path

    site = NGINX_SITE.read_text()
    env = env_example()
    assert f"server 127.0.0.1:{env['PORT']};" in site, "nginx proxies to the port gunicorn listens on"
    monkeypatch.setenv("CMS_INSTANCE", str(tmp_path))
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    limit = int(re.search(r"client_max_body_size (\d+)m;", site).group(1)) * 1024 * 1024
    assert limit == app.config["MAX_CONTENT_LENGTH"], "nginx accepts the uploads the app accepts"
    read_timeout = int(re.search(r"proxy_read_timeout (\d+)s;", site).group(1))
    assert read_timeout > load_gunicorn_conf(monkeypatch)["timeout"], "gunicorn gives up before nginx"
    backup = (UNITS / "sen-cms-backup.service").read_text()
    pattern = re.search(r"-name (\S+)", backup).group(1)
    assert fnmatch.fnmatch(default_path(tmp_path).name, pattern), "retention removes the archives cms backup makes"
    assert set(env) <= {"CMS_ENV", "CMS_INSTANCE", "CMS_DATABASE_URL", "CMS_REDIS_URL", "PORT", "CMS_WORKERS",
                        "CMS_THREADS", "CMS_PROXY_COUNT"}
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in site and env["CMS_PROXY_COUNT"] == "1", \
        "the app trusts exactly the one hop nginx adds"


# -- the docs -----------------------------------------------------------------------------------------------


SHOWN = re.compile(r"<!-- file: (\S+) -->\n```\w*\n(.*?)```", re.S)


def test_the_deploy_docs_show_every_file_as_it_is():
    docs = DOCS.read_text()
    shown = dict(SHOWN.findall(docs))
    for name, text in shown.items():
        assert text == (ROOT / name).read_text(), f"{name} in docs/deploy.md differs from the file: copy it over"
    files = {path.relative_to(ROOT).as_posix() for path in DEPLOY.rglob("*") if path.is_file()}
    assert files <= set(shown), f"not shown in docs/deploy.md: {sorted(files - set(shown))}"
    assert "gunicorn.conf.py" in docs
