"""A small HTTP client for the cluster test: one kept-alive connection, a source address of its own, cookies.

Why not requests: each simulated client must come from its own loopback address (127.0.x.y; the rate limits count
per client address, which nginx passes on in X-Forwarded-For), and the session cookies of a production deployment
are `Secure`, which a standard cookie jar withholds from the plain-HTTP requests sent straight to one app node.
"""

from __future__ import annotations

import http.client
import json
import re
import ssl
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

TIMEOUT = 180  # seconds: a guard against a hang, far above any request's time on a loaded machine
UPSTREAM_HEADER = "X-Gongkai-Upstream"  # added by the test's nginx: which node answered


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def upstream(self) -> str:
        return self.headers.get(UPSTREAM_HEADER.lower(), "")


@dataclass
class Client:
    """Requests to one base URL (`https://127.0.0.1:port` through nginx, `http://127.0.0.1:port` to a node).

    `source`: the loopback address the connection comes from. `forwarded_for`: sent as X-Forwarded-For, which a
    node trusting one proxy reads as the client's address (what nginx would send) on direct requests.
    """

    base: str
    source: str = "127.0.0.1"
    tls: ssl.SSLContext | None = None
    forwarded_for: str = ""
    cookies: dict[str, str] = field(default_factory=dict)
    _connection: http.client.HTTPConnection | None = None

    def _connect(self) -> http.client.HTTPConnection:
        parts = urlsplit(self.base)
        if parts.scheme == "https":
            return http.client.HTTPSConnection(
                parts.hostname, parts.port, timeout=TIMEOUT, source_address=(self.source, 0), context=self.tls
            )
        return http.client.HTTPConnection(
            parts.hostname, parts.port, timeout=TIMEOUT, source_address=(self.source, 0)
        )

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> Response:
        """One request; a connection the server closed since the last one is opened again once (a request
        that fails on a fresh connection raises: the caller decides what a failure means)."""
        sent = {"Host": "127.0.0.1", **(headers or {})}
        if self.forwarded_for:
            sent["X-Forwarded-For"] = self.forwarded_for
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        for attempt in (1, 2):
            reused = self._connection is not None
            if not reused:
                self._connection = self._connect()
            try:
                self._connection.request(method, path, body=body, headers=sent)
                raw = self._connection.getresponse()
                content = raw.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if reused and attempt == 1 and method == "GET":
                    continue  # a kept-alive connection closed by the server between two requests
                raise
            except Exception:
                self.close()
                raise
            if raw.getheader("Connection", "").lower() == "close":
                self.close()
            break
        for name, value in raw.getheaders():
            if name.lower() == "set-cookie":
                cookie_name, _, rest = value.partition("=")
                self.cookies[cookie_name.strip()] = rest.split(";", 1)[0]
        return Response(raw.status, {name.lower(): value for name, value in raw.getheaders()}, content)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post_json(self, path: str, payload: dict) -> Response:
        return self.request("POST", path, json.dumps(payload).encode(), {"Content-Type": "application/json"})

    def post_form(self, path: str, fields: dict, referer: str = "") -> Response:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if referer:
            headers["Referer"] = referer
        return self.request("POST", path, urlencode(fields).encode(), headers)

    def csrf_token(self, path: str) -> str:
        """The form's CSRF token on the page at `path` (a GET that also sets the csrftoken cookie)."""
        page = self.get(path)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        if page.status != 200 or not found:
            raise AssertionError(f"no form with a CSRF token at {path}: HTTP {page.status}")
        return found.group(1)

    def login(self, username: str, password: str) -> None:
        """Log in to the staff side (Wagtail's login form, as a browser does)."""
        token = self.csrf_token("/admin/login/")
        response = self.post_form(
            "/admin/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": token, "next": "/admin/"},
            referer=f"{self.base}/admin/login/",
        )
        if response.status != 302 or "sessionid" not in self.cookies:
            raise AssertionError(f"login of {username} refused: HTTP {response.status}")
