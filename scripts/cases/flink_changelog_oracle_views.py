#!/usr/bin/env python3
"""Run changelog cases through Apache Flink (PyFlink) and record every row with its kind.

A case is a folder with:
  query.sql     CREATE TABLE statements without a WITH clause, then one query
  <table>.ndjson  the rows of each table (or input.ndjson for all of them)
  flink.json    optional: {"format": "debezium-json", "source": {"option": "value"},
                "config": {"table.exec.source.cdc-events-duplicate": "true"}}
It writes expected.ndjson: one JSON object a line, {"op": "+I|-U|+U|-D", <columns in SELECT order>},
in the order Flink emitted them (parallelism 1, no mini-batch: one change a record), with
timestamps as Flink's JSON format writes them (fraction only when not zero) and decimals as numbers.

usage: flink_changelog_oracle.py CASE_DIR [CASE_DIR ...]
"""
import datetime, decimal, json, os, re, sys

from pyflink.table import EnvironmentSettings, TableEnvironment

KINDS = {"INSERT": "+I", "UPDATE_BEFORE": "-U", "UPDATE_AFTER": "+U", "DELETE": "-D"}

def split_statements(sql):
    sql = "\n".join(l for l in sql.splitlines() if not l.strip().startswith("--"))
    return [s.strip() for s in sql.split(";") if s.strip()]

def js(v):
    if isinstance(v, datetime.datetime):
        s = v.strftime("%Y-%m-%d %H:%M:%S")
        return s + (".%03d" % (v.microsecond // 1000)).rstrip("0") if v.microsecond else s
    if isinstance(v, decimal.Decimal):
        return float(v)  # compared to a relative 1e-9: 12000.00 and 12000 alike
    return v

def run_case(case, n):
    with open(os.path.join(case, "query.sql")) as f:
        stmts = split_statements(f.read())
    ddls = [s for s in stmts if re.match(r"(?is)^create\s+table", s)]; views = [s for s in stmts if re.match(r"(?is)^create\s+view", s)]
    queries = [s for s in stmts if not re.match(r"(?is)^create\s+(table|view)", s)]
    assert ddls and len(queries) == 1, f"{case}: need CREATE TABLE(s) and one query"
    opts = json.load(open(os.path.join(case, "flink.json"))) if os.path.exists(os.path.join(case, "flink.json")) else {}
    env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
    cfg = env.get_config()
    cfg.set("parallelism.default", "1")
    cfg.set("table.local-time-zone", "UTC")
    cfg.set("pipeline.auto-watermark-interval", "0 ms")
    for k, v in opts.get("config", {}).items():
        cfg.set(k, v)
    fmt = opts.get("format", "json")
    for d in ddls:
        table = re.match(r"(?is)^create\s+table\s+`?(\w+)`?", d).group(1)
        own = os.path.join(case, f"{table}.ndjson")
        path = os.path.abspath(own if os.path.exists(own) else os.path.join(case, "input.ndjson"))
        tfmt = opts.get("formats", {}).get(table, fmt)
        extra = "".join(f",'{k}'='{v}'" for k, v in opts.get("source", {}).items() if k.startswith(tfmt + ".") or not k.startswith(("json.", "debezium-json.")))
        env.execute_sql(d + f" WITH ('connector'='filesystem','path'='{path}','format'='{tfmt}'{extra})")
    for v in views: env.execute_sql(v)
    result = env.execute_sql(queries[0])
    names = result.get_table_schema().get_field_names()
    rows = []
    with result.collect() as it:
        for r in it:
            k = str(r.get_row_kind())
            obj = {"op": k if k in KINDS.values() else KINDS[k.split(".")[-1]]}
            for name, v in zip(names, r):
                obj[name] = js(v)
            rows.append(json.dumps(obj, separators=(",", ":"), ensure_ascii=False))
    with open(os.path.join(case, "expected.ndjson"), "w") as f:
        f.write("".join(r + "\n" for r in rows))
    print(f"{case}: {len(rows)} changes", file=sys.stderr)

for i, case in enumerate(sys.argv[1:]):
    try:
        run_case(case, i)
    except Exception as e:
        print(f"{case}: FAILED {str(e)[:3000]}", file=sys.stderr)
