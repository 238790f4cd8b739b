"""The checks of the cluster test, each against the running cluster (tests/cluster/run.py starts it).

Each check returns its figures and raises `Failed` with what it saw when a property does not hold. Waits are
bounded (a guard against a hang), never measurements: the figures report how long things took, the checks do not
depend on it.
"""

from __future__ import annotations

import base64
import io
import threading
import time
from dataclasses import dataclass

import psycopg
import redis
from httpclient import Client
from processes import PASSWORD, S3_BUCKETS, Cluster, Failed, wait_until

from gongkai.core.identifiers import resident_id_check_char

AGENCY = "jingkai-rsj"  # the demo's 经开区人社局: its column, its sign-off chain, its 公开办
SUBMIT = f"/api/v1/agencies/{AGENCY}/applications"
ITEM_AT_LAST_STEP = "经开区2026年第三季度社会保险待遇发放情况"  # the demo's item waiting at 审核 (主要领导)
LIMIT = 25  # GONGKAI_SUBMISSION_LIMIT of the test's nodes (run.py)
WAIT = 60  # seconds: the bound of a wait for something that takes well under a second on an idle machine


def fields(n: int) -> dict:
    """A valid application of a natural person (as tests/applications/conftest.py makes them)."""
    first17 = f"11010519900307{n % 1000:03d}"
    return {
        "applicant_type": "natural_person",
        "name": f"张{n}",
        "id_type": "resident_id",
        "id_number": first17 + resident_id_check_char(first17),
        "phone": "13800138000",
        "address": "合肥市经开区繁华大道 1 号",
        "email": "zhang@example.com",
        "info_name": f"集群测试申请 {n}",
        "form": "electronic",
        "obtaining": "email",
    }


def _pdf() -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rows(cluster: Cluster, sql: str, params=()) -> list[tuple]:
    with psycopg.connect(cluster.dsn(), autocommit=True) as db:
        return db.execute(sql, params).fetchall()


@dataclass
class Submission:
    status: int  # 0: no HTTP answer (the connection failed)
    number: str = ""
    upstream: str = ""
    detail: str = ""
    finished: float = 0.0  # time.monotonic() when the answer came


def submit(client: Client, n: int) -> Submission:
    try:
        response = client.post_json(SUBMIT, fields(n))
    except OSError as exc:
        return Submission(0, detail=type(exc).__name__, finished=time.monotonic())
    body = response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
    number = body.get("number", "") if response.status == 201 else ""
    detail = "" if number else response.text[:300]
    return Submission(response.status, number, response.upstream, detail, time.monotonic())


def submit_from_clients(
    make_client, clients: int, each: int, first_n: int, stop=None
) -> list[list[Submission]]:
    """`clients` threads, client i on its own connection from `make_client(i)`, each submitting `each` times (or
    until `stop` is set); every answer kept in order."""
    results: list[list[Submission]] = [[] for _ in range(clients)]

    def work(i: int) -> None:
        client = make_client(i)
        try:
            for j in range(each):
                if stop is not None and stop.is_set():
                    break
                results[i].append(submit(client, first_n + i * each + j))
        finally:
            client.close()

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def numbering(cluster: Cluster) -> list[tuple[int, str]]:
    """(seq, number) of the agency's applications of the current year, in order."""
    return _rows(
        cluster,
        "SELECT seq, number FROM applications_application a JOIN agencies_agency g ON g.id = a.agency_id"
        " WHERE g.code = %s AND a.year = (SELECT max(year) FROM applications_application) ORDER BY seq",
        [AGENCY],
    )


def assert_gapless(cluster: Cluster, acknowledged: list[str]) -> int:
    rows = numbering(cluster)
    seqs = [seq for seq, _ in rows]
    if seqs != list(range(1, len(seqs) + 1)):
        missing = sorted(set(range(1, max(seqs) + 1)) - set(seqs))[:20]
        raise Failed(
            f"the numbers have gaps or repeats: missing {missing}, {len(seqs)} rows up to {max(seqs)}"
        )
    if len(set(acknowledged)) != len(acknowledged):
        raise Failed("one number was given to two acknowledged submissions")
    stored = {number for _, number in rows}
    lost = [number for number in acknowledged if number not in stored]
    if lost:
        raise Failed(f"{len(lost)} acknowledged submissions are not in the database, e.g. {lost[:5]}")
    return len(seqs)


def gapless_numbering(cluster: Cluster, nginx) -> dict:
    """1,000 submissions from 50 clients (each its own address) through nginx: every one is accepted, both nodes
    answer, and the agency's numbers of the year are 1..N without a gap or a repeat."""
    started = time.monotonic()
    results = submit_from_clients(lambda i: nginx(f"127.0.10.{i + 1}"), 50, 20, 0)
    seconds = time.monotonic() - started
    answers = [answer for client in results for answer in client]
    refused = [answer for answer in answers if answer.status != 201]
    if refused:
        raise Failed(f"{len(refused)} of {len(answers)} submissions not accepted, e.g. {refused[:3]}")
    by_node = _by_node(answers)
    if len(by_node) != 2:
        raise Failed(f"the submissions were not spread over both nodes: {by_node}")
    total = assert_gapless(cluster, [answer.number for answer in answers])
    numbers = [answer.number for answer in answers]
    return {
        "submissions": len(answers),
        "by_node": by_node,
        "seconds": round(seconds, 1),
        "numbered": total,
        "accepted_numbers": numbers,
    }


def _node(answer: Submission) -> str:
    """The node that answered: nginx names every node it tried ("A, B" when A refused the connection)."""
    return answer.upstream.split(", ")[-1]


def _by_node(answers: list[Submission]) -> dict:
    counts: dict[str, int] = {}
    for answer in answers:
        counts[_node(answer)] = counts.get(_node(answer), 0) + 1
    return counts


def rate_limit_across_nodes(cluster: Cluster, node_a: str, node_b: str, nginx) -> dict:
    """The submission limit counts one client's submissions on both nodes together: alternating between the nodes,
    the client gets exactly LIMIT through; 60 concurrent requests of another client through nginx admit LIMIT."""
    alternating = [
        Client(node_a, forwarded_for="127.0.20.1"),
        Client(node_b, forwarded_for="127.0.20.1"),
    ]
    sequence = [submit(alternating[k % 2], 5000 + k) for k in range(LIMIT + 2)]
    statuses = [answer.status for answer in sequence]
    for client in alternating:
        client.close()
    if statuses != [201] * LIMIT + [429, 429]:
        raise Failed(f"alternating between the nodes, the client got {statuses}")
    burst = submit_from_clients(lambda i: nginx("127.0.20.2"), 30, 2, 6000)
    answers = [answer for client in burst for answer in client]
    accepted = sum(answer.status == 201 for answer in answers)
    others = [answer for answer in answers if answer.status not in (201, 429)]
    if accepted != LIMIT or others:
        raise Failed(
            f"60 concurrent submissions, limit {LIMIT}: {accepted} accepted, other answers {others[:3]}"
        )
    by_node = _by_node(answers)
    if len(by_node) != 2:
        raise Failed(f"the concurrent submissions did not reach both nodes: {by_node}")
    numbers = [answer.number for answer in [*sequence, *answers] if answer.status == 201]
    return {
        "limit": LIMIT,
        "alternating": statuses.count(201),
        "concurrent_accepted": accepted,
        "by_node": by_node,
        "accepted_numbers": numbers,
    }


def publication_is_fresh_on_the_other_node(cluster: Cluster, node_a: str, node_b: str) -> dict:
    """The column page, cached by node B for anonymous visitors, shows an item published through node A (its last
    sign-off step, by 主要领导) within a bounded wait, and the item's page is served by B."""
    [(page_id, url_path)] = _rows(
        cluster,
        "SELECT id, url_path FROM wagtailcore_page WHERE title = %s AND NOT live",
        [ITEM_AT_LAST_STEP],
    )
    [(root_path,)] = _rows(
        cluster,
        "SELECT p.url_path FROM wagtailcore_site s JOIN wagtailcore_page p ON p.id = s.root_page_id"
        " WHERE s.is_default_site",
    )
    item_path = url_path[len(root_path) - 1 :]
    column = f"/{AGENCY}/"
    visitor = Client(node_b)
    portal_cache = redis.Redis.from_url(cluster.env["GONGKAI_REDIS_URL"].rsplit("/", 1)[0] + "/1")

    def cached() -> int:
        page = visitor.get(column)
        if page.status != 200 or ITEM_AT_LAST_STEP in page.text:
            raise Failed(f"before publication the column page on node B: HTTP {page.status}")
        return portal_cache.dbsize()  # a worker's task may clear the cache meanwhile: then B caches it again

    cached_pages = wait_until("node B keeping its pages in the shared portal cache", cached, WAIT)
    if visitor.get(item_path).status != 404:
        raise Failed("the unpublished item is served on node B")
    [(state_id, task)] = _rows(
        cluster,
        "SELECT ts.id, t.name FROM wagtailcore_workflowstate ws JOIN wagtailcore_taskstate ts"
        " ON ts.id = ws.current_task_state_id JOIN wagtailcore_task t ON t.id = ts.task_id"
        " WHERE ws.object_id = %s AND ws.status = 'in_progress'",
        [str(page_id)],
    )
    leader = Client(node_a, forwarded_for="127.0.40.1")
    leader.login("rsj-juzhang", PASSWORD)
    response = leader.post_form(
        f"/admin/pages/workflow/action/{page_id}/approve/{state_id}/",
        {"csrfmiddlewaretoken": leader.cookies["csrftoken"]},
        referer=f"{node_a}/admin/",
    )
    [(live,)] = _rows(cluster, "SELECT live FROM wagtailcore_page WHERE id = %s", [page_id])
    if response.status != 302 or not live:
        raise Failed(
            f"approving {task} through node A: HTTP {response.status}, live {live}: {response.text[:500]}"
        )
    published = time.monotonic()

    def shown() -> bool:
        listing = visitor.get(column)
        return listing.status == 200 and ITEM_AT_LAST_STEP in listing.text

    wait_until("the published item on node B's column page", shown, WAIT)
    seconds = time.monotonic() - published
    item = visitor.get(item_path)
    if item.status != 200 or ITEM_AT_LAST_STEP not in item.text:
        raise Failed(f"the published item's page on node B: HTTP {item.status}")
    for client in (visitor, leader):
        client.close()
    return {"step": task, "cached_pages_before": cached_pages, "seconds_until_shown": round(seconds, 2)}


def attachment_across_nodes(cluster: Cluster, node_a: str, node_b: str) -> dict:
    """An attachment of an application submitted through node A lands in the private bucket (not on A's disk) and
    is downloaded through node B by the handling office only: not by an anonymous visitor nor another agency."""
    content = _pdf()
    applicant = Client(node_a, forwarded_for="127.0.41.1")
    payload = {
        **fields(7000),
        "attachments": [{"name": "身份证明.pdf", "content_base64": base64.b64encode(content).decode()}],
    }
    response = applicant.post_json(SUBMIT, payload)
    applicant.close()
    if response.status != 201:
        raise Failed(
            f"the application with an attachment through node A: HTTP {response.status} {response.text[:300]}"
        )
    [(attachment_id, name)] = _rows(
        cluster,
        "SELECT t.id, t.file FROM applications_attachment t JOIN applications_application a"
        " ON a.id = t.application_id WHERE a.number = %s",
        [response.json()["number"]],
    )
    stored = cluster.s3.get_object(Bucket=S3_BUCKETS[1], Key=f"private/{name}")["Body"].read()
    if stored != content:
        raise Failed("the attachment is not in the private bucket as uploaded")
    url = f"/admin/gongkai/applications/attachments/{attachment_id}/"
    answers = {}
    for who in ("anonymous", "zjj-gkb", "rsj-gkb"):
        client = Client(node_b, forwarded_for="127.0.41.2")
        if who != "anonymous":
            client.login(who, PASSWORD)
        download = client.get(url)
        client.close()
        answers[who] = download.status
        if (download.status == 200) != (who == "rsj-gkb"):
            raise Failed(f"the attachment through node B for {who}: HTTP {download.status}")
        if who == "rsj-gkb" and download.body != content:
            raise Failed("the handling office downloaded other bytes than were uploaded")
    return {"answers": answers, "accepted_numbers": [response.json()["number"]]}


def _tasks(cluster: Cluster) -> list[tuple]:
    return _rows(cluster, "SELECT task_path, status, worker_ids FROM django_tasks_database_dbtaskresult")


def tasks_ran_once(cluster: Cluster) -> dict:
    """Every task (the demo's report PDF among them) run by one of the two workers, once; the PDF was written to
    the bucket once (the bucket is versioned: a second rendering would leave a second version or a deletion)."""

    def done() -> bool:
        return all(status in ("SUCCESSFUL", "FAILED") for _, status, _ in _tasks(cluster))

    wait_until("the workers to finish the queued tasks", done, 240, interval=1)
    rows = _tasks(cluster)
    twice = [row for row in rows if len(row[2]) != 1]
    if twice:
        raise Failed(f"{len(twice)} tasks were claimed by more or less than one worker, e.g. {twice[:3]}")
    pdf = [row for row in rows if row[0] == "gongkai.reports.tasks.render_pdf"]
    if [status for _, status, _ in pdf] != ["SUCCESSFUL"]:
        raise Failed(f"the report's PDF task: {pdf}")
    versions = cluster.s3.list_object_versions(Bucket=S3_BUCKETS[0], Prefix="media/annual-reports/")
    writes = [v for v in versions.get("Versions", []) if v["Key"].endswith(".pdf")]
    deletions = [m for m in versions.get("DeleteMarkers", []) if m["Key"].endswith(".pdf")]
    [(pdf_name,)] = _rows(cluster, "SELECT file FROM reports_reportfile WHERE format = 'pdf'")
    if len(writes) != 1 or deletions or writes[0]["Key"] != f"media/{pdf_name}":
        raise Failed(f"the report's PDF was written {len(writes)} times, deleted {len(deletions)} times")
    by_worker: dict[str, int] = {}
    for _, _, ids in rows:
        by_worker[ids[0]] = by_worker.get(ids[0], 0) + 1
    failed = sum(status == "FAILED" for _, status, _ in rows)
    return {"tasks": len(rows), "failed": failed, "by_worker": by_worker, "pdf_worker": pdf[0][2][0]}


def killing_a_node_loses_nothing(cluster: Cluster, nginx, nginx_b: str) -> dict:
    """20 clients submit through nginx; node A is killed (SIGKILL, its whole process group) once 40 submissions
    were stored. Node B (upstream `nginx_b`) goes on accepting; run.py then finds every acknowledged submission in
    the database, numbered without a gap."""
    stop = threading.Event()
    results: list[list[Submission]] = []

    def load() -> None:
        results.extend(submit_from_clients(lambda i: nginx(f"127.0.50.{i + 1}"), 20, 12, 8000, stop))

    runner = threading.Thread(target=load, daemon=True)
    runner.start()

    def acknowledged() -> int:
        return len(numbering(cluster))

    before = acknowledged()
    wait_until("40 submissions under load", lambda: acknowledged() >= before + 40, 120)
    cluster.kill("node-a")
    killed = time.monotonic()
    stored_when_killed = acknowledged() - before
    runner.join(timeout=300)
    if runner.is_alive():
        stop.set()
        raise Failed("the clients did not finish within 300 s after node A was killed")
    answers = [answer for client in results for answer in client]
    accepted = [answer.number for answer in answers if answer.status == 201]
    unexpected = [answer for answer in answers if answer.status not in (201, 0, 502, 504)]
    if unexpected:
        raise Failed(f"answers other than accepted or a gateway error: {unexpected[:3]}")
    after = [a for a in answers if a.status == 201 and a.finished > killed and _node(a) == nginx_b]
    if not after:
        raise Failed(f"node B accepted nothing after node A was killed: {_by_node(answers)}")
    return {
        "attempts": len(answers),
        "accepted": len(accepted),
        "failed_in_flight": len(answers) - len(accepted),
        "stored_when_killed": stored_when_killed,
        "accepted_after_kill": len(after),
        "accepted_numbers": accepted,
    }
