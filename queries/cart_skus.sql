-- input: carts.ndjson
-- Nested JSON without a CREATE TABLE: an object's field by a dot, an array's element by [i]
-- (1 the first, NULL past the end), a map's by ['key'], CARDINALITY of either. Each value is
-- typed by its JSON, as every field of an undeclared stream is.
SELECT TUMBLE_START(ts, INTERVAL '20' SECOND) AS window_start, user.tier AS tier,
  COUNT(*) AS carts, SUM(CARDINALITY(skus)) AS skus, MAX(skus[1]) AS first_sku,
  COUNT(attrs['coupon']) AS with_coupon
FROM carts
GROUP BY TUMBLE(ts, INTERVAL '20' SECOND), user.tier;
