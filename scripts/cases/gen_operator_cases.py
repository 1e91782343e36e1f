#!/usr/bin/env python3
"""Deterministic inputs for the new relational-operator cases (weir vs Flink 2.3).
usage: python3 gen.py   (writes every case folder next to this file)"""
import json, os, random, datetime as dt

HERE = os.path.dirname(os.path.abspath(__file__))
T0 = dt.datetime(2024, 4, 25, 10, 0, 0)

def fmt(t):
    s = t.strftime("%Y-%m-%d %H:%M:%S")
    return s + ".%03d" % (t.microsecond // 1000) if t.microsecond else s

def times(rng, n, step_ms=300, jitter_s=3, late_every=37, late_s=(8, 15), whole=0.5, no_late_delay_ms=None):
    """arrival-ordered event times: mostly increasing, some out of order by <= jitter_s, a few late.
    no_late_delay_ms: no row behind its own watermark (max seen - delay): late rows are dropped
    and the out-of-order ones are moved up to the watermark."""
    out, mx = [], None
    for i in range(n):
        base = i * step_ms
        if i > 20 and i % late_every == 0:
            ms = base - rng.randint(late_s[0] * 1000, late_s[1] * 1000)
        elif rng.random() < 0.25:
            ms = base - rng.randint(0, jitter_s * 1000)
        else:
            ms = base
        ms = max(ms, 0)
        if rng.random() < whole:
            ms = ms // 1000 * 1000          # whole seconds: ties
        if no_late_delay_ms is not None:
            if i > 20 and i % late_every == 0:
                continue
            if mx is not None and ms < mx - no_late_delay_ms:
                ms = -(-(mx - no_late_delay_ms) // 1000) * 1000
            mx = ms if mx is None else max(mx, ms)
        out.append(T0 + dt.timedelta(milliseconds=ms))
    return out

def write(case, query, tables, mode="multiset", flink=None):
    d = os.path.join(HERE, case)
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "query.sql"), "w").write(query.strip() + "\n")
    open(os.path.join(d, "mode"), "w").write(mode + "\n")
    for name, rows in tables.items():
        with open(os.path.join(d, f"{name}.ndjson"), "w") as f:
            for r in rows:
                f.write(json.dumps({k: (fmt(v) if isinstance(v, dt.datetime) else v) for k, v in r.items()}) + "\n")
    if flink:
        json.dump(flink, open(os.path.join(d, "flink.json"), "w"))

ORDERS_DDL = """CREATE TABLE orders (
  id INT,
  category STRING,
  product STRING,
  amount INT,
  price DOUBLE,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
);"""

CATS = ["books", "games", "music"]
PRODS = {"books": ["b1", "b2", "b3"], "games": ["g1", "g2", "g3"], "music": ["m1", "m2"]}

def orders(seed, n=200, null_amount=0.05, null_price=0.05, distinct_amounts=False, null_product=0.0, growing_products=False, **tk):
    rng = random.Random(seed)
    ts = times(rng, n, **tk)
    amounts = rng.sample(range(1, 5000), n) if distinct_amounts else [rng.randint(1, 60) for _ in range(n)]
    rows = []
    for i in range(n):
        c = rng.choice(CATS)
        p = rng.choice(PRODS[c]) if not growing_products else f"{c[0]}{rng.randint(1, 2 + i // 12)}"
        r = {"id": i + 1, "category": c, "product": None if rng.random() < null_product else p,
             "amount": None if (not distinct_amounts and rng.random() < null_amount) else amounts[i],
             "price": None if rng.random() < null_price else round(rng.uniform(1, 100), 2), "ts": ts[i]}
        rows.append(r)
    return rows

# ---- lateness simulation for tumble window aggregates (watermark after every event) ----
def kept_in_tumble(rows, size_s, delay_s=2):
    kept, mx = [], None
    for r in rows:
        wm = None if mx is None else mx - dt.timedelta(seconds=delay_s)
        t = r["ts"]
        sec = int((t - T0).total_seconds() // size_s) * size_s
        end = T0 + dt.timedelta(seconds=sec + size_s)
        if wm is None or end - dt.timedelta(milliseconds=1) > wm:
            kept.append((T0 + dt.timedelta(seconds=sec), r))
        mx = t if mx is None or t > mx else mx
    return kept

def distinct_sums(rows, size_s, keyf, partf):
    sums = {}
    for ws, r in kept_in_tumble(rows, size_s):
        k = (ws, partf(r), keyf(r))
        sums[k] = sums.get(k, 0) + (r["amount"] or 0)
    seen = {}
    for (ws, part, key), s in sums.items():
        seen.setdefault((ws, part), []).append(s)
    return all(len(v) == len(set(v)) for v in seen.values())

def main():
    # a. window Top-N over a TUMBLE aggregation ------------------------------------------
    seed = 1
    while True:
        rows = orders(seed, 240, null_amount=0.0)
        if distinct_sums(rows, 10, lambda r: r["product"], lambda r: None) and \
           distinct_sums(rows, 10, lambda r: r["product"], lambda r: r["category"]):
            break
        seed += 1
    print("a seed", seed)
    write("a1_window_topn_agg", ORDERS_DDL + """
SELECT window_start, window_end, product, total, rn FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY total DESC) AS rn
  FROM (SELECT window_start, window_end, product, SUM(amount) AS total
        FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
        GROUP BY window_start, window_end, product))
WHERE rn <= 2;""", {"orders": rows})
    write("a2_window_topn_agg_category", ORDERS_DDL + """
SELECT window_start, window_end, category, product, total, cnt, rn FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, category ORDER BY total DESC) AS rn
  FROM (SELECT window_start, window_end, category, product, SUM(amount) AS total, COUNT(*) AS cnt
        FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
        GROUP BY window_start, window_end, category, product))
WHERE rn <= 2;""", {"orders": rows})

    # b. window Top-N directly over the TVF ----------------------------------------------
    rows = orders(11, 220, distinct_amounts=True)
    write("b1_window_topn_tvf", ORDERS_DDL + """
SELECT window_start, window_end, id, category, amount, ts, rn FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY amount DESC) AS rn
  FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND)))
WHERE rn <= 2;""", {"orders": rows})

    # c. window dedup keep-first over HOP and CUMULATE ----------------------------------
    rows = orders(21, 200)
    write("c1_window_dedup_hop", ORDERS_DDL + """
SELECT window_start, window_end, category, id, amount, ts FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, category ORDER BY ts ASC) AS rn
  FROM TABLE(HOP(TABLE orders, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND)))
WHERE rn = 1;""", {"orders": rows})
    write("c2_window_dedup_cumulate", ORDERS_DDL + """
SELECT window_start, window_end, product, id, amount, ts FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, product ORDER BY ts ASC) AS rn
  FROM TABLE(CUMULATE(TABLE orders, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND)))
WHERE rn = 1;""", {"orders": rows})
    write("c3_window_dedup_tumble_first", ORDERS_DDL + """
SELECT window_start, window_end, category, product, id, ts FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, category, product ORDER BY ts ASC) AS rn
  FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND)))
WHERE rn = 1;""", {"orders": rows})

    # d. dedup without windows, rn not selected, two partition columns --------------------
    rows = orders(31, 200, growing_products=True)
    write("d1_dedup_first_two_keys", ORDERS_DDL + """
SELECT category, product, id, amount, ts FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY category, product ORDER BY ts ASC) AS rn FROM orders)
WHERE rn = 1;""", {"orders": rows})
    write("d2_dedup_last_two_keys", ORDERS_DDL + """
SELECT category, product, id, amount, ts FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY category, product ORDER BY ts DESC) AS rn FROM orders)
WHERE rn = 1;""", {"orders": rows})

    # e. OVER aggregations ---------------------------------------------------------------
    rows = orders(41, 220, null_amount=0.1)
    write("e1_over_rows3", ORDERS_DDL + """
SELECT id, category, amount, ts,
  SUM(amount) OVER w AS s, MIN(amount) OVER w AS mn, AVG(amount) OVER w AS av,
  AVG(CAST(amount AS DOUBLE)) OVER w AS avd, COUNT(amount) OVER w AS cn
FROM orders
WINDOW w AS (PARTITION BY category ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW);""", {"orders": rows})
    write("e2_over_range10_distinct", ORDERS_DDL + """
SELECT id, category, product, amount, ts,
  COUNT(DISTINCT product) OVER (PARTITION BY category ORDER BY ts RANGE BETWEEN INTERVAL '10' SECOND PRECEDING AND CURRENT ROW) AS nprod,
  MAX(amount) OVER (PARTITION BY category ORDER BY ts RANGE BETWEEN INTERVAL '10' SECOND PRECEDING AND CURRENT ROW) AS mx
FROM orders;""", {"orders": rows})
    write("e2b_over_range10_named_window", ORDERS_DDL + """
SELECT id, category, product, amount, ts,
  COUNT(DISTINCT product) OVER w AS nprod, MAX(amount) OVER w AS mx, SUM(amount) OVER w AS s
FROM orders
WINDOW w AS (PARTITION BY category ORDER BY ts RANGE BETWEEN INTERVAL '10' SECOND PRECEDING AND CURRENT ROW);""", {"orders": rows})
    write("e3_over_no_partition", ORDERS_DDL + """
SELECT id, amount, ts,
  SUM(amount) OVER w AS s, COUNT(*) OVER w AS c, MAX(price) OVER w AS mp
FROM orders
WINDOW w AS (ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW);""", {"orders": rows})
    write("e4_over_rows_unbounded", ORDERS_DDL + """
SELECT id, product, amount, ts,
  SUM(amount) OVER w AS run_sum, COUNT(*) OVER w AS n, MIN(price) OVER w AS cheapest
FROM orders
WINDOW w AS (PARTITION BY product ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);""", {"orders": rows})
    write("e5_over_range_unbounded", ORDERS_DDL + """
SELECT id, category, amount, ts,
  SUM(amount) OVER w AS run_sum, COUNT(*) OVER w AS n, AVG(price) OVER w AS ap
FROM orders
WINDOW w AS (PARTITION BY category ORDER BY ts RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);""", {"orders": rows})
    write("refused/r1_over_two_windows", ORDERS_DDL + """
SELECT id, category, ts,
  SUM(amount) OVER (PARTITION BY category ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS s3,
  SUM(amount) OVER (PARTITION BY category ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s1
FROM orders;""", {"orders": rows})

    # f. interval joins ------------------------------------------------------------------
    rng = random.Random(51)
    # two sources: Flink reads them concurrently, so a row behind the combined watermark is dropped or
    # not depending on thread timing; with no row behind its own watermark the answer is deterministic.
    ta, tb = times(rng, 160, step_ms=400, jitter_s=2, no_late_delay_ms=1000), times(rng, 160, step_ms=400, jitter_s=3, no_late_delay_ms=2000)
    A = [{"k": None if i in (7, 60) else rng.randint(1, 12), "va": rng.randint(1, 100), "ts": t} for i, t in enumerate(ta)]
    B = [{"k": None if i in (9, 90) else rng.randint(1, 12), "vb": None if rng.random() < 0.05 else rng.randint(1, 100), "ts": t} for i, t in enumerate(tb)]
    DDL = """CREATE TABLE a (k INT, va INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
CREATE TABLE b (k INT, vb INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);"""
    cond = "b.ts BETWEEN a.ts - INTERVAL '2' SECOND AND a.ts + INTERVAL '3' SECOND"
    write("f1_interval_inner_on", DDL + f"""
SELECT a.k, a.va, a.ts AS ats, b.vb, b.ts AS bts
FROM a JOIN b ON a.k = b.k AND {cond};""", {"a": A, "b": B})
    write("f2_interval_left", DDL + f"""
SELECT a.k, a.va, a.ts AS ats, b.k AS bk, b.vb, b.ts AS bts
FROM a LEFT JOIN b ON a.k = b.k AND {cond};""", {"a": A, "b": B})
    write("f3_interval_full", DDL + f"""
SELECT a.k AS ak, a.va, a.ts AS ats, b.k AS bk, b.vb, b.ts AS bts
FROM a FULL OUTER JOIN b ON a.k = b.k AND {cond};""", {"a": A, "b": B})
    write("f4_interval_comma_ineq", DDL + """
SELECT a.k, a.va, b.vb, a.ts AS ats, b.ts AS bts
FROM a, b
WHERE a.k = b.k AND b.ts >= a.ts AND b.ts < a.ts + INTERVAL '4' SECOND;""", {"a": A, "b": B})

    # g. UNION ALL and a CTE used twice --------------------------------------------------
    rows = orders(61, 200)
    write("g1_union_all_three", ORDERS_DDL + """
SELECT id, category, amount, 'big' AS tag FROM orders WHERE amount > 50
UNION ALL
SELECT id, category, amount, 'books' AS tag FROM orders WHERE category = 'books' AND price < 30
UNION ALL
SELECT id, product AS category, CAST(NULL AS INT) AS amount, 'noamount' AS tag FROM orders WHERE amount IS NULL;""", {"orders": rows})
    write("g2_cte_twice", ORDERS_DDL + """
WITH f AS (SELECT id, category, product, amount FROM orders WHERE amount IS NOT NULL AND amount >= 10)
SELECT 'cat' AS kind, category AS name, COUNT(*) AS n, SUM(amount) AS total FROM f GROUP BY category
UNION ALL
SELECT 'prod' AS kind, product AS name, COUNT(*) AS n, SUM(amount) AS total FROM f GROUP BY product;""", {"orders": rows})
    write("g2b_cte_twice_no_agg", ORDERS_DDL + """
WITH f AS (SELECT id, category, product, amount, price FROM orders WHERE price IS NOT NULL)
SELECT id, product, amount, 'cheap' AS band FROM f WHERE price < 20
UNION ALL
SELECT id, product, amount, 'dear' AS band FROM f WHERE price > 80 AND category <> 'games';""", {"orders": rows})
    write("g3_cte_twice_windowed", ORDERS_DDL + """
WITH w AS (
  SELECT window_start, window_end, category, SUM(amount) AS total, COUNT(*) AS n
  FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end, category)
SELECT window_start, category, total, 'high' AS band FROM w WHERE total >= 200
UNION ALL
SELECT window_start, category, total, 'low' AS band FROM w WHERE total < 100;""", {"orders": rows})

    # h. GROUPING SETS / ROLLUP / CUBE over TUMBLE ---------------------------------------
    rows = orders(71, 200, null_product=0.05)
    for name, gs in [("h1_grouping_sets_window", "GROUPING SETS ((category, product), (category), ())"),
                     ("h2_rollup_window", "ROLLUP (category, product)"),
                     ("h3_cube_window", "CUBE (category, product)")]:
        write(name, ORDERS_DDL + f"""
SELECT window_start, window_end, category, product,
  GROUPING(category) AS gc, GROUPING(product) AS gp, COUNT(*) AS n, SUM(amount) AS total
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '20' SECOND))
GROUP BY window_start, window_end, {gs};""", {"orders": rows})

    write("refused/r2_reserved_word_alias", ORDERS_DDL + """
SELECT id, SUM(amount) OVER (PARTITION BY product ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running
FROM orders;""", {"orders": rows})

    # i. a view -------------------------------------------------------------------------
    rows = orders(81, 200)
    write("i1_view_as_cte", ORDERS_DDL + """
WITH v AS (SELECT id, category, product, amount * 2 AS dbl, ts FROM orders WHERE price > 20)
SELECT id, product, dbl, ts FROM v WHERE category <> 'music' AND dbl > 40;""", {"orders": rows})
    write("i2_create_view", ORDERS_DDL + """
CREATE VIEW v AS SELECT id, category, product, amount * 2 AS dbl, ts FROM orders WHERE price > 20;
SELECT id, product, dbl, ts FROM v WHERE category <> 'music' AND dbl > 40;""", {"orders": rows})

main()
