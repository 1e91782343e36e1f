-- A Top-N's number where its input has a column of the same name (rn): the rank, not the input's column (fuzz round 24). Computed by Flink 2.3.
CREATE TABLE orders (uid INT, qty INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
SELECT uid, qty, rn FROM (SELECT uid, qty, ROW_NUMBER() OVER (ORDER BY qty DESC) AS rn FROM (SELECT * FROM (SELECT uid, qty, ROW_NUMBER() OVER (PARTITION BY uid ORDER BY ts) AS rn FROM orders) WHERE rn = 1)) WHERE rn <= 2;
