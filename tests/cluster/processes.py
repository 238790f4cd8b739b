"""The services of the cluster test, each started by the test on a loopback port of its own and stopped by it.

Every process is started in a session of its own (its process group: gunicorn's master and workers, nginx's
master and workers) and registered with the `Cluster`'s exit stack before anything can fail, so that stopping the
cluster (normally, on an error or on SIGTERM/SIGINT) ends each group by its id and drops the database it made.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "deploy" / "nginx" / "gongkai.conf"
ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
PASSWORD = "gongkai-demo"  # the demo accounts' password (gongkai demo)
S3_BUCKETS = ("gongkai-cluster-media", "gongkai-cluster-private")
STOP_SECONDS = 30


class Failed(AssertionError):
    """A check of the cluster test did not hold."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(what: str, condition, seconds: float, interval: float = 0.2):
    """`condition()`'s first true value within `seconds` (a bound against a hang, never a measurement)."""
    give_up = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > give_up:
            raise Failed(f"{what}: not within {seconds:.0f} s")
        time.sleep(interval)


def _stop_group(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """End the process group of `process` (its own session) while its leader lives: `sig`, then SIGKILL if the
    leader has not exited after STOP_SECONDS (gunicorn's and nginx's masters end their workers themselves)."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class Cluster:
    """Starts the services under `folder` and stops all of them on `close()`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.stack = contextlib.ExitStack()
        self.processes: dict[str, subprocess.Popen] = {}
        self.ports: dict[str, int] = {}
        self.database = f"gongkai_cluster_{os.getpid()}_{int(time.time())}"
        self.env: dict[str, str] = {}
        self.s3 = None  # boto3's client of the S3 server, once started

    def close(self) -> None:
        self.stack.close()

    def log(self, name: str) -> str:
        path = self.folder / "logs" / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def start(self, name: str, command: list[str], env: dict | None = None) -> subprocess.Popen:
        (self.folder / "logs").mkdir(exist_ok=True)
        with open(self.folder / "logs" / f"{name}.log", "ab") as out:
            process = subprocess.Popen(
                command,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                cwd=self.folder,
            )
        self.stack.callback(_stop_group, process)
        self.processes[name] = process
        return process

    def kill(self, name: str) -> None:
        """SIGKILL the whole process group of `name` at once (a node that dies, not one that stops)."""
        _stop_group(self.processes[name], signal.SIGKILL)

    def running(self, name: str) -> None:
        if self.processes[name].poll() is not None:
            raise Failed(f"{name} exited ({self.processes[name].returncode}): {self.log(name)}")

    # -- the shared services ----------------------------------------------------------------------------------

    def create_database(self) -> str:
        with psycopg.connect(ADMIN_DSN, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{self.database}"')
        self.stack.callback(self._drop_database)
        return f"postgres://postgres@127.0.0.1:5432/{self.database}"

    def _drop_database(self) -> None:
        with psycopg.connect(ADMIN_DSN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')

    def dsn(self) -> str:
        return f"postgresql://postgres@127.0.0.1:5432/{self.database}"

    def start_redis(self) -> str:
        port = self.ports["redis"] = free_port()
        self.start(
            "redis",
            [
                shutil.which("redis-server") or "/usr/bin/redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
        )
        wait_until("redis-server listening", lambda: _listening(port), 60)
        return f"redis://127.0.0.1:{port}/0"

    def start_s3(self) -> str:
        """moto's standalone S3 server, with the two buckets, versioned (every write of an object is kept, so
        the test can count how often a file was written)."""
        import boto3

        port = self.ports["s3"] = free_port()
        self.start(
            "s3", [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)]
        )
        wait_until("moto_server listening", lambda: _listening(port), 60)
        endpoint = f"http://127.0.0.1:{port}"
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="gongkai-cluster",
            aws_secret_access_key="gongkai-cluster-secret",
        )
        for bucket in S3_BUCKETS:
            client.create_bucket(Bucket=bucket)
            client.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
        self.s3 = client
        return endpoint

    def app_environment(self, database_url: str, redis_url: str, s3_endpoint: str, limits: dict) -> dict:
        """What every node and worker shares (deploy/systemd/gongkai.env's variables, on loopback)."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("GONGKAI_", "DJANGO_", "DATABASE_", "AWS_", "PROMETHEUS_"))
        }
        https = self.ports["https"]
        env.update(
            {
                "GONGKAI_ENV": "production",
                "DJANGO_SECRET_KEY": "cluster-test-" + "x" * 50,
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{https}",
                "GONGKAI_BASE_URL": f"https://127.0.0.1:{https}",
                "GONGKAI_TRUSTED_PROXIES": "1",
                "GONGKAI_SSL_REDIRECT": "0",
                "DATABASE_URL": database_url,
                "GONGKAI_DB_POOL": "2",
                "GONGKAI_DB_STATEMENT_TIMEOUT_MS": "60000",
                "GONGKAI_REDIS_URL": redis_url,
                "GONGKAI_S3_ENDPOINT_URL": s3_endpoint,
                "GONGKAI_S3_BUCKET": S3_BUCKETS[0],
                "GONGKAI_S3_PRIVATE_BUCKET": S3_BUCKETS[1],
                "GONGKAI_S3_REGION": "us-east-1",
                "GONGKAI_S3_ADDRESSING_STYLE": "path",
                "AWS_ACCESS_KEY_ID": "gongkai-cluster",
                "AWS_SECRET_ACCESS_KEY": "gongkai-cluster-secret",
                "GONGKAI_LOG_FORMAT": "json",
                "GONGKAI_LOG_LEVEL": "WARNING",
                "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
                **limits,
            }
        )
        return env

    def gongkai(self, commands: list[tuple[list[str], Path]], timeout: float) -> None:
        """`gongkai` commands (migrate, collectstatic, demo) with the nodes' environment, side by side, each with
        its var dir; returns once all succeeded, their output in the logs."""
        started = [
            (
                args,
                self.start(
                    f"gongkai-{args[0]}", [sys.executable, "-m", "gongkai.cli", *args], self.node_env(var)
                ),
            )
            for args, var in commands
        ]
        give_up = time.monotonic() + timeout
        for args, process in started:
            try:
                process.wait(timeout=max(1.0, give_up - time.monotonic()))
            except subprocess.TimeoutExpired as exc:
                raise Failed(f"gongkai {args[0]} took over {timeout:.0f} s") from exc
            if process.returncode:
                raise Failed(f"gongkai {' '.join(args)} failed: {self.log(f'gongkai-{args[0]}')}")

    def node_env(self, var_dir: Path) -> dict:
        var_dir.mkdir(parents=True, exist_ok=True)
        return {**self.env, "GONGKAI_VAR_DIR": str(var_dir)}

    # -- the app nodes, the workers, nginx --------------------------------------------------------------------

    def start_node(self, name: str, var_dir: Path) -> str:
        port = self.ports[name] = free_port()
        command = [sys.executable, "-m", "gongkai.cli", "serve", "--production"]
        self.start(name, [*command, "--bind", f"127.0.0.1:{port}", "--workers", "2"], self.node_env(var_dir))
        return f"http://127.0.0.1:{port}"

    def start_worker(self, name: str, var_dir: Path) -> None:
        command = [sys.executable, "-m", "gongkai.cli", "db_worker", "--no-reload", "--worker-id", name]
        self.start(name, [*command, "--interval", "0.5"], self.node_env(var_dir))

    def start_nginx(self, static_dir: Path) -> str:
        """Debian's nginx as a foreground process with its own prefix, serving deploy/'s site on loopback ports
        with a self-signed certificate; it adds which node answered as a response header."""
        prefix = self.folder / "nginx"
        (prefix / "tls").mkdir(parents=True)
        _self_signed(prefix / "tls")
        site = site_config(
            SITE.read_text(),
            nodes=[self.ports["node-a"], self.ports["node-b"]],
            http_port=self.ports["http"],
            https_port=self.ports["https"],
            prefix=prefix,
            static_dir=static_dir,
        )
        user = "user root root;\n" if os.geteuid() == 0 else ""
        temp = "".join(
            f"    {kind}_temp_path {prefix / kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (prefix / "nginx.conf").write_text(
            f"{user}worker_processes 1;\npid {prefix / 'nginx.pid'};\nerror_log {prefix / 'error.log'} warn;\n"
            "events { worker_connections 512; }\n"
            "http {\n    include /etc/nginx/mime.types;\n"
            f"{temp}    access_log off;\n"
            "    add_header X-Gongkai-Upstream $upstream_addr always;\n"
            f"{site}\n}}\n"
        )
        self.start(
            "nginx", ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"]
        )
        wait_until("nginx listening", lambda: _listening(self.ports["https"]), 60)
        return str(prefix / "tls" / "fullchain.pem")


def site_config(
    text: str, *, nodes: list[int], http_port: int, https_port: int, prefix: Path, static_dir: Path
):
    """deploy/nginx/gongkai.conf with the test's loopback addresses and paths; each replaced line must be found
    (a changed site fails here, with what to update, instead of testing something else)."""
    replacements = [
        (r"server 10\.0\.0\.11:8000", f"server 127.0.0.1:{nodes[0]}"),
        (r"server 10\.0\.0\.12:8000", f"server 127.0.0.1:{nodes[1]}"),
        (r"listen 80;", f"listen 127.0.0.1:{http_port};"),
        (r"\n\s*listen \[::\]:80;", ""),
        (r"listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        (r"\n\s*listen \[::\]:443 ssl http2;", ""),
        (r"/etc/ssl/gongkai/", f"{prefix}/tls/"),
        (r"access_log /var/log/nginx/gongkai\.access\.log", f"access_log {prefix}/access.log"),
        (r"alias /srv/gongkai/var/static/;", f"alias {static_dir}/;"),
    ]
    for pattern, replacement in replacements:
        text, count = re.subn(pattern, replacement, text)
        if count == 0:
            raise Failed(
                f"deploy/nginx/gongkai.conf no longer has {pattern!r}: update tests/cluster/processes.py"
            )
    return text


def _self_signed(folder: Path) -> None:
    """A key and a certificate for 127.0.0.1, valid for a day (nginx terminates TLS as deploy/'s site does)."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    (folder / "fullchain.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (folder / "privkey.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False
