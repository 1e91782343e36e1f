-- A window TVF aggregation over Debezium change events: each change row counts (or is taken back) in the windows of its own time; each window written once when the watermark passes it (Flink 2.3).
CREATE TABLE products (
  id INT,
  name STRING,
  category STRING,
  price DECIMAL(10, 2),
  updated_at TIMESTAMP(3),
  WATERMARK FOR updated_at AS updated_at - INTERVAL '3' SECOND
);
SELECT window_start, window_end, category, COUNT(*) AS n, MIN(price) AS lo, MAX(price) AS hi, AVG(price) AS mean
FROM TABLE(HOP(TABLE products, DESCRIPTOR(updated_at), INTERVAL '5' SECOND, INTERVAL '15' SECOND))
WHERE price > 20
GROUP BY window_start, window_end, category
HAVING COUNT(*) > 0;
