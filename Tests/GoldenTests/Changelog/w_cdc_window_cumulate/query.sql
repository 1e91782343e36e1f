-- A window TVF aggregation over Debezium change events: each change row counts (or is taken back) in the windows of its own time; each window written once when the watermark passes it (Flink 2.3).
CREATE TABLE products (
  id INT,
  name STRING,
  category STRING,
  price DECIMAL(10, 2),
  updated_at TIMESTAMP(3),
  WATERMARK FOR updated_at AS updated_at
);
SELECT window_start, window_end, COUNT(DISTINCT category) AS categories, SUM(price) AS total, COUNT(*) AS n
FROM TABLE(CUMULATE(TABLE products, DESCRIPTOR(updated_at), INTERVAL '5' SECOND, INTERVAL '20' SECOND))
GROUP BY window_start, window_end;
