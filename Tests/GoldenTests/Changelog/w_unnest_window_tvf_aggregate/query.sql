-- A window TVF's rows unnested (the TVF without a name) and grouped by their window: a window aggregation, each window written once. Computed by Flink 2.3.
CREATE TABLE orders (
  id INT,
  customer ROW<name STRING, address ROW<city STRING, zip STRING>, vip BOOLEAN>,
  items ARRAY<ROW<sku STRING, qty INT, price DECIMAL(10, 2)>>,
  tags ARRAY<STRING>,
  attrs MAP<STRING, STRING>,
  scores MAP<STRING, INT>,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
);
SELECT window_start, tag, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '5' SECOND)) CROSS JOIN UNNEST(tags) AS t(tag) GROUP BY window_start, window_end, tag;
