-- queries/cart_skus.sql with its table declared: ROW dot access, ARRAY [i], MAP [key], CARDINALITY in a window (Flink 2.3).
CREATE TABLE carts (cart_id INT, `user` ROW<id INT, tier STRING>, skus ARRAY<STRING>, attrs MAP<STRING, STRING>, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT TUMBLE_START(ts, INTERVAL '20' SECOND) AS window_start, `user`.tier AS tier,
  COUNT(*) AS carts, SUM(CARDINALITY(skus)) AS skus, MAX(skus[1]) AS first_sku,
  COUNT(attrs['coupon']) AS with_coupon
FROM carts
GROUP BY TUMBLE(ts, INTERVAL '20' SECOND), `user`.tier;
