"""deploy/'s nginx site is valid for Debian's nginx (`nginx -t`, with a throwaway certificate in place of the real
one), and its systemd units start the commands that exist, with the options they accept."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_the_nginx_site_passes_nginx_t(tmp_path):
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        pytest.skip("nginx is not installed (apt-get install nginx)")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    site = (DEPLOY / "nginx" / "gongkai.conf").read_text()
    site = site.replace("/etc/ssl/gongkai/fullchain.pem", str(tmp_path / "cert.pem"))
    site = site.replace("/etc/ssl/gongkai/privkey.pem", str(tmp_path / "key.pem"))
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
        f"events {{}}\nhttp {{ access_log off; include {tmp_path}/site.conf; }}\n"
    )
    result = subprocess.run([nginx, "-t", "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("unit", "command"),
    [("gongkai-web.service", "serve"), ("gongkai-worker.service", "db_worker")],
)
def test_the_units_options_are_accepted(unit, command):
    line = next(
        line for line in (DEPLOY / "systemd" / unit).read_text().splitlines() if line.startswith("ExecStart=")
    )
    words = line.removeprefix("ExecStart=").replace("%H", "node-a").split()
    assert words[0] == "/srv/gongkai/.venv/bin/gongkai" and words[1] == command
    if command == "serve":
        from gongkai.cli import build_parser

        build_parser().parse_args(words[1:])  # exits on an unknown option
    else:
        result = subprocess.run(
            [sys.executable, "-m", "gongkai.cli", *words[1:], "--help"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
