"""The data of benchmarks/province.py: a province on PostgreSQL, generated in bulk (not part of the product).

At `--scale 1`: 3,000 agencies in a four-level tree (the province's government and its departments, 16 cities with
theirs, 10 counties per city with theirs), each with its 政府信息公开 column; 1,000,000 published items (a tenth of
them in one department's column, `bench`, whose catalogue, item pages and search the benchmark loads; the rest
spread over every agency); 300,000 applications received in the report year, each with its event log
(received → decided → replied → delivered → closed, a tenth still in progress); 200,000 處理决定 on the power
lists of every agency; one supervising office's login at the province. Smaller scales shrink every figure.

How: the agencies and their columns through the product's services (a few thousand, with their collections and
sign-off chains); the items with publishing's bulk helper (`publishing.demo.bulk.create_items`: treebeard paths,
executemany); the applications, their events and the decisions with PostgreSQL's COPY. Run in a process whose
DATABASE_URL names an empty database:

    .venv/bin/python benchmarks/province_parts/province_data.py --scale 0.01

Prints one JSON line: counts, seconds per step and the URLs to load (see benchmarks/portal.py). It lives in a folder
of its own so that `make bench` (every benchmarks/*.py) does not run it by itself.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

import portal  # noqa: E402 - benchmarks/portal.py: item rows and the URLs to load

YEAR = 2025  # the report year (the supervision page's default while the benchmark runs in 2026)
AGENCIES, ITEMS, APPLICATIONS, DECISIONS = 3000, 1_000_000, 300_000, 200_000
CITIES, COUNTIES_PER_CITY, CITY_DEPARTMENTS, PROVINCE_DEPARTMENTS = 16, 10, 30, 103
BENCH_SHARE = 0.1  # of the items, in the bench department's column
SUPERVISOR = "province-gkb"
PASSWORD = "gongkai-demo"


def tree_shape(scale: float) -> dict[str, int]:
    """How many of each level at `scale` (1: 16 cities, 160 counties, 3,000 agencies in all)."""
    root = math.sqrt(scale)
    cities = max(2, round(CITIES * root))
    counties = max(1, round(COUNTIES_PER_CITY * root))
    total = max(12, round(AGENCIES * scale))
    governments = 1 + cities + cities * counties
    left = max(3 * (1 + cities + cities * counties), total - governments)
    province_departments = max(2, round(left * PROVINCE_DEPARTMENTS / (AGENCIES - 177)))
    city_departments = max(1, round(left * CITY_DEPARTMENTS / (AGENCIES - 177)))
    county_departments = max(
        1, (left - province_departments - cities * city_departments) // (cities * counties)
    )
    return {
        "cities": cities,
        "counties_per_city": counties,
        "province_departments": province_departments,
        "city_departments": city_departments,
        "county_departments": county_departments,
    }


def _credit_code(n: int) -> str:
    from gongkai.core.identifiers import uscc_check_char

    base = f"11340100MB{n:07d}"
    return base + uscc_check_char(base)


def create_agencies(shape: dict[str, int]) -> list:
    """The tree, level by level (`province_tree.create_agencies`): the province, then `bench`, its departments
    and the cities, then theirs and the counties, then the counties' departments."""
    import province_tree

    from gongkai.agencies.models import AgencyKind

    count = [0]

    def fields(code: str, name: str, kind: str) -> dict:
        count[0] += 1
        return {
            "code": code,
            "name": name,
            "short_name": name[:60],
            "credit_code": _credit_code(count[0]),
            "kind": kind,
            "disclosure_office": f"{name}办公室",
            "office_phone": "0551-0000000",
        }

    gov, dep = AgencyKind.GOVERNMENT, AgencyKind.DEPARTMENT
    levels: list[list[tuple[str, dict]]] = [[("", fields("prov", "某省人民政府", gov))], [], [], []]
    levels[1].append(("prov", fields("bench", "某省基准测试厅", dep)))
    levels[1] += [
        ("prov", fields(f"prov-d{d:03d}", f"某省第{d}厅", dep))
        for d in range(1, shape["province_departments"])
    ]
    for c in range(1, shape["cities"] + 1):
        city = f"c{c:02d}"
        levels[1].append(("prov", fields(city, f"第{c}市人民政府", gov)))
        levels[2] += [
            (city, fields(f"{city}-d{d:02d}", f"第{c}市第{d}局", dep))
            for d in range(1, shape["city_departments"] + 1)
        ]
        for x in range(1, shape["counties_per_city"] + 1):
            county = f"{city}-x{x:02d}"
            levels[2].append((city, fields(county, f"第{c}市第{x}县人民政府", gov)))
            levels[3] += [
                (county, fields(f"{county}-d{d:02d}", f"第{c}市第{x}县第{d}局", dep))
                for d in range(1, shape["county_departments"] + 1)
            ]
    return province_tree.create_agencies(levels)


@contextlib.contextmanager
def indexes_deferred(*models):
    """Drop the secondary indexes of `models`' tables (not the primary keys, not the unique ones and not the pages'
    path pattern index, which the bulk helper's queries use) and create them again afterwards: building an index once over a million rows is much
    cheaper than updating it row by row (the trigram index of the items' search text above all)."""
    from django.db import connection

    tables = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname "
            "JOIN pg_index x ON x.indexrelid = c.oid WHERE i.tablename = ANY(%s) AND NOT x.indisunique",
            [tables],
        )
        kept = [(name, definition) for name, definition in cursor.fetchall() if "(path " not in definition]
        for name, _ in kept:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for _, definition in kept:
                cursor.execute(definition)


def create_items(agencies: list, n: int, rng: random.Random) -> dict:
    """Each agency's column (`province_tree.create_sections`), then the items with publishing's bulk helper."""
    import province_tree
    from wagtail.models import Page

    from gongkai.portal.models import PortalHomePage
    from gongkai.publishing.demo import bulk
    from gongkai.publishing.models import InformationItemPage

    begin = time.perf_counter()
    sections = province_tree.create_sections(agencies, PortalHomePage.objects.get())
    sections_s = time.perf_counter() - begin
    bench_n = round(n * BENCH_SHARE)
    others = [a for a in agencies if a.code != "bench"]
    each, extra = divmod(n - bench_n, len(others))
    begin = time.perf_counter()
    created = 0
    with indexes_deferred(Page, InformationItemPage):
        for i, agency in enumerate([agencies[1], *others]):
            count = bench_n if i == 0 else each + (1 if i <= extra else 0)
            for start in range(0, count, 20_000):
                rows = portal._rows(min(20_000, count - start), rng, first=start)
                created += bulk.create_items(sections[agency.code], rows)
        items_s = time.perf_counter() - begin
    return {
        "sections_s": sections_s,
        "items": created,
        "items_s": items_s,
        "indexes_s": time.perf_counter() - begin - items_s,
    }


def _copy(model, columns: list[str], rows) -> int:
    """COPY `rows` (tuples in `columns`' order) into `model`'s table; returns how many."""
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    n = 0
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


def _next_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def _set_sequence(model) -> None:
    from django.db import connection

    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
        )


def create_applications(agencies: list, n: int, rng: random.Random) -> int:
    """`n` applications received in YEAR, spread over the agencies (the bench department and the governments
    get more), with their events; 90 % closed with a table 三 outcome, the rest being processed."""
    from gongkai.applications.choices import ApplicantType, Channel, EventKind, InfoForm, Obtaining, Status
    from gongkai.applications.models import Application, ApplicationEvent
    from gongkai.core.report import formats

    outcomes = list(formats.get_template("2021").result_row_keys)
    types, weights = [t.value for t in ApplicantType], [70, 12, 2, 3, 5, 8]
    weight = [5 if a.kind == "government" or a.code == "bench" else 1 for a in agencies]
    picked = rng.choices(range(len(agencies)), weight, k=n)
    seqs = [0] * len(agencies)
    now = datetime.now().astimezone()
    first_id = _next_id(Application)
    columns = [f.column for f in Application._meta.concrete_fields if not f.primary_key]
    events: list[tuple] = []
    rows = []
    for offset, index in enumerate(picked):
        agency = agencies[index]
        seqs[index] += 1
        received = date(YEAR, 1, 1) + timedelta(days=rng.randrange(365))
        closed = rng.random() < 0.9
        decided = received + timedelta(days=rng.randint(3, 28)) if closed else None
        outcome = rng.choice(outcomes) if closed else ""
        values = {
            "agency_id": agency.pk,
            "number": f"{agency.code}依申〔{YEAR}〕{seqs[index]:06d}号",
            "year": YEAR,
            "seq": seqs[index],
            "query_code_hash": "-",
            "applicant_type": rng.choices(types, weights)[0],
            "name": "某申请人",
            "phone": "13800000000",
            "info_name": "某年度某项目的批复文件",
            "form": InfoForm.ELECTRONIC.value,
            "obtaining": Obtaining.EMAIL.value,
            "channel": Channel.ONLINE.value,
            "received_on": received,
            "status": (Status.CLOSED if closed else Status.PROCESSING).value,
            "outcome": outcome,
            "decided_on": decided,
            "counted_outcome": outcome,
            "counted_on": decided,
            "due": received + timedelta(days=28),
            "due_provisional": False,
            "created_at": now,
            "updated_at": now,
        }
        rows.append(tuple(values.get(c, "") if c != "handler_id" else None for c in columns))
        pk = first_id + offset
        chain = [(EventKind.RECEIVED, received, {})]
        if closed:
            chain += [
                (EventKind.DECIDED, decided, {"outcome": outcome}),
                (EventKind.REPLIED, decided, {}),
                (EventKind.DELIVERED, decided + timedelta(days=1), {}),
                (EventKind.CLOSED, decided + timedelta(days=1), {}),
            ]
        events += [(pk, kind.value, on, json.dumps(data), now) for kind, on, data in chain]
    _copy(Application, ["id", *columns], ((first_id + i, *row) for i, row in enumerate(rows)))
    _copy(ApplicationEvent, ["application_id", "kind", "on", "data", "created_at"], events)
    _set_sequence(Application)
    return len(rows)


def create_decisions(agencies: list, n: int, rng: random.Random) -> int:
    """Every agency's power list for YEAR with five items (licence, penalty, coercion, levy, inspection) and `n`
    imported decisions spread over them."""
    from gongkai.powers.categories import Category
    from gongkai.powers.models import Decision, PowerItem, PowerList

    PowerList.objects.bulk_create([PowerList(agency=a, year=YEAR) for a in agencies], batch_size=2000)
    lists = list(PowerList.objects.filter(year=YEAR).values_list("pk", flat=True))
    categories = [Category.LICENSING, Category.PENALTY, Category.COERCION, Category.LEVY, Category.INSPECTION]
    PowerItem.objects.bulk_create(
        [
            PowerItem(power_list_id=pl, code=f"{pl}-{i}", name=f"{c.label}事项{i}", category=c.value)
            for pl in lists
            for i, c in enumerate(categories, 1)
        ],
        batch_size=5000,
    )
    items = list(PowerItem.objects.filter(power_list__year=YEAR).values_list("pk", "power_list_id"))
    rows = (
        (pl, item, date(YEAR, 1, 1) + timedelta(days=rng.randrange(365)), f"BJ{k:08d}", 1)
        for k, (item, pl) in enumerate(rng.choices(items, k=n))
    )
    return _copy(Decision, ["power_list_id", "item_id", "decided_on", "reference", "count"], rows)


def build(scale: float) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)
    from django.core.management import call_command
    from django.db import connection, transaction

    from gongkai.agencies.roles import Role
    from gongkai.agencies.services import create_person
    from gongkai.portal import demo as portal_demo
    from gongkai.publishing.models import InformationItemPage

    seconds: dict[str, float] = {}

    def step(name: str, begin: float) -> None:
        seconds[name] = round(time.perf_counter() - begin, 1)

    begin = time.perf_counter()
    call_command("migrate", verbosity=0)
    step("migrate", begin)
    rng = random.Random(2026)
    shape = tree_shape(scale)
    begin = time.perf_counter()
    with transaction.atomic():
        agencies = create_agencies(shape)
        portal_demo.load()
        create_person(
            agency=agencies[0],
            username=SUPERVISOR,
            name="省政务公开办",
            roles=[Role.SUPERVISING_OFFICE, Role.DISCLOSURE_OFFICE],
            password=PASSWORD,
        )
    step("agencies", begin)
    made = create_items(agencies, round(ITEMS * scale), rng)
    seconds["sections"] = round(made["sections_s"], 1)
    seconds["items"] = round(made["items_s"], 1)
    seconds["item_indexes"] = round(made["indexes_s"], 1)
    begin = time.perf_counter()
    with transaction.atomic():
        applications = create_applications(agencies, round(APPLICATIONS * scale), rng)
    step("applications", begin)
    begin = time.perf_counter()
    with transaction.atomic():
        decisions = create_decisions(agencies, round(DECISIONS * scale), rng)
    step("decisions", begin)
    begin = time.perf_counter()
    with connection.cursor() as cursor:
        # what autovacuum does to a live database after a bulk load (statistics, and the visibility map that lets
        # PostgreSQL answer from an index alone); the test server may run with autovacuum off
        cursor.execute("VACUUM ANALYZE")
    step("vacuum_analyze", begin)
    slugs = list(
        InformationItemPage.objects.filter(agency=agencies[1], live=True).values_list("slug", flat=True)
    )
    rng.shuffle(slugs)
    first_views = portal._cold_urls("/bench/", slugs, rng)
    # Only first views are measured here, so every item page is one (portal.py keeps 2,000 for repeat views).
    first_views["item"] = [f"/bench/{slug}/" for slug in slugs]
    return {
        "scale": scale,
        "shape": shape,
        "agencies": len(agencies),
        "items": made["items"],
        "bench_items": len(slugs),
        "applications": applications,
        "decisions": decisions,
        "seconds": seconds,
        "urls": portal._warm_urls("/bench/", slugs, rng),
        "first_views": first_views,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成一个省的基准数据（PostgreSQL，批量写入）")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    print(json.dumps(build(args.scale), ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
