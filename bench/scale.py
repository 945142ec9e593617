# ruff: noqa: S310, S603 (a benchmark: it opens loopback URLs and starts our own server)
"""Benchmark: every public page and API list through the production server, next to a bare view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_scale .venv/bin/python bench/scale.py

Starts `manage.py serve --no-worker` (gunicorn, production profile, hashed static files) on the
database named by DATABASE_URL, logs in as a counter officer of the demo (`hoa`) for the API,
and requests each URL sequentially (after a warm-up), alternating rounds so every endpoint
sees the same machine. Prints p50 and p95 per endpoint and the ratio of the bare view's p50
(`/healthz`: no database, no template) to the endpoint's p50: 1.0 would be as fast as Django
can answer anything at all through this server.

Run it on the demo database and on one filled by `manage.py generate_scale` to see growth.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-" + "k7Qx2Lp9Vt4Rm8Ns3Bz6Wd1Hf5Jc0Ga" * 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(static_root: str) -> dict:
    return {**os.environ, "MOTCUA_PROFILE": "production", "DEBUG": "false", "SECRET_KEY": SECRET,
            "AUDIT_KEY": "bench-" + SECRET, "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false", "CSRF_COOKIE_SECURE": "false", "STATIC_ROOT": static_root,
            "LOG_LEVEL": "WARNING"}


class Client:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, float]:
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, timeout=60) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        return status, (time.perf_counter() - started) * 1000

    def login(self, username: str, password: str) -> None:
        with self.opener.open(self.base + "/accounts/login/", timeout=30) as response:
            page = response.read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
        request = urllib.request.Request(self.base + "/accounts/login/", data=body.encode(),
                                         headers={"Referer": self.base + "/accounts/login/"})
        with self.opener.open(request, timeout=30) as response:
            response.read()
        if not any(c.name == "sessionid" for c in self.jar):
            sys.exit(f"could not log in as {username} (is the demo loaded?)")


def endpoints(sample: dict) -> list[tuple[str, str, bool]]:
    """(label, path, needs login)."""
    return [
        ("bare view (/healthz)", "/healthz", False),
        ("home", "/", False),
        ("catalogue list", "/thu-tuc/", False),
        ("catalogue search", "/thu-tuc/?q=" + urllib.parse.quote("đăng ký kết hôn"), False),
        ("public lookup", f"/tra-cuu-ho-so/?ma={sample['code']}&mat-khau={sample['secret']}", False),
        ("field-report feed", "/phan-anh/", False),
        ("field-report map data", "/phan-anh/ban-do.json", False),
        ("Open311 requests.json", "/open311/v2/requests.json", False),
        ("API dossiers, first page", "/api/v1/dossiers", True),
        ("API by name, no diacritics", "/api/v1/dossiers?name=" + urllib.parse.quote("nguyen lan"), True),
        ("API by status", "/api/v1/dossiers?status=4", True),
        ("API by agency", f"/api/v1/dossiers?agency={sample['agency']}", True),
        ("API by code", f"/api/v1/dossiers?code={sample['code']}", True),
        ("API by applicant ID", f"/api/v1/dossiers?applicant_id={sample['applicant_id']}", True),
        ("API dossier detail", f"/api/v1/dossiers/{sample['pk']}", True),
    ]


def sample_dossier() -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()
    from dossiers.models import Dossier

    d = (Dossier.objects.filter(code__isnull=False, receiving_agency__memberships__user__username="hoa")
         .select_related("receiving_agency").order_by("-pk").first())
    if d is None:
        sys.exit("no received dossier of hoa's agency: run `manage.py load_demo` and `generate_scale` first")
    return {"code": d.code, "secret": d.lookup_secret, "agency": d.receiving_agency.code,
            "applicant_id": d.applicant_id_number, "pk": d.pk, "count": Dossier.objects.count()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40, help="requests per endpoint (after warm-up)")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    sample = sample_dossier()
    static_root = tempfile.mkdtemp(prefix="motcua-bench-static-")
    env = server_env(static_root)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT,
                   env=env, check=True)
    port = free_port()
    env["WEB_CONCURRENCY"] = os.environ.get("WEB_CONCURRENCY", "2")
    server = subprocess.Popen([sys.executable, "manage.py", "serve", "--no-worker", "--bind", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        public, staff = Client(base), Client(base)
        for _ in range(200):
            try:
                if public.get("/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        staff.login("hoa", os.environ.get("BENCH_PASSWORD", "motcua@2025"))
        table = endpoints(sample)
        times: dict[str, list[float]] = {label: [] for label, _, _ in table}
        per_round = max(args.requests // args.rounds, 1)
        for label, path, login in table:  # warm-up, and a check that each answers 200
            status, _ = (staff if login else public).get(path)
            if status != 200:
                sys.exit(f"{label}: {path} answered {status}")
        for _ in range(args.rounds):
            for label, path, login in table:
                client = staff if login else public
                times[label] += [client.get(path)[1] for _ in range(per_round)]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    bare = statistics.median(times[table[0][0]])
    print(f"{sample['count']:,} dossiers; gunicorn {env['WEB_CONCURRENCY']} workers; "
          f"{args.requests} requests per endpoint, sequential")
    print(f"{'endpoint':32} {'p50 ms':>8} {'p95 ms':>8} {'vs bare':>8}")
    for label, _, _ in table:
        values = sorted(times[label])
        p50, p95 = statistics.median(values), values[min(len(values) - 1, int(len(values) * 0.95))]
        print(f"{label:32} {p50:8.1f} {p95:8.1f} {bare / p50:8.3f}")


if __name__ == "__main__":
    main()
