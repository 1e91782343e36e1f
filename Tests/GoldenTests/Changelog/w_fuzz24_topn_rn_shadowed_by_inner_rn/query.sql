-- A Top-N's number where its input has a column of the same name (rn): the rank, not the input's column (fuzz round 24). Computed by Flink 2.3.
CREATE TABLE orders (uid INT, qty INT);
SELECT uid, qty, rn FROM (SELECT uid, qty, ROW_NUMBER() OVER (ORDER BY qty DESC) AS rn FROM (SELECT uid, qty, 0 AS rn FROM orders)) WHERE rn <= 2;
