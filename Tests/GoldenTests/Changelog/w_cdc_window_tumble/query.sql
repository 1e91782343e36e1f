-- A window TVF aggregation over Debezium change events: each change row counts (or is taken back) in the windows of its own time; each window written once when the watermark passes it (Flink 2.3).
CREATE TABLE products (
  id INT,
  name STRING,
  category STRING,
  price DECIMAL(10, 2),
  updated_at TIMESTAMP(3),
  WATERMARK FOR updated_at AS updated_at - INTERVAL '1' SECOND
);
SELECT window_start, window_end, category, COUNT(*) AS n, SUM(price) AS total
FROM TABLE(TUMBLE(TABLE products, DESCRIPTOR(updated_at), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, category;
