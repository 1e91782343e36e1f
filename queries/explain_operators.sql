-- input: clicks.ndjson
-- EXPLAIN of each operator kind: the tree, the result at the top, each with its changelog mode.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '2' SECOND
);
CREATE TABLE impressions (ad_id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'filesystem', 'path' = 'samples/impressions.ndjson', 'format' = 'json');
CREATE TABLE ad_clicks (ad_id INT, ts TIMESTAMP(3), cost INT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'filesystem', 'path' = 'samples/ad_clicks.ndjson', 'format' = 'json');

EXPLAIN SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY c DESC) AS rn
  FROM (SELECT window_start, window_end, page, COUNT(*) AS c
        FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '10' SECOND))
        GROUP BY window_start, window_end, page))
WHERE rn <= 3;
EXPLAIN SELECT window_start, user_id, page FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, user_id ORDER BY `timestamp` DESC) AS rn
  FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '20' SECOND)))
WHERE rn = 1;
EXPLAIN SELECT user_id, page FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY `timestamp` DESC) AS rn FROM clicks)
WHERE rn = 1;
EXPLAIN SELECT user_id, COUNT(*) OVER (PARTITION BY user_id ORDER BY `timestamp` ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS last3
FROM clicks;
EXPLAIN SELECT user_id FROM clicks WHERE page = '/cart' UNION ALL SELECT user_id FROM clicks WHERE page = '/main';
EXPLAIN SELECT i.ad_id, c.cost FROM impressions i JOIN ad_clicks c
  ON i.ad_id = c.ad_id AND c.ts BETWEEN i.ts - INTERVAL '1' SECOND AND i.ts + INTERVAL '5' SECOND;
EXPLAIN SELECT window_start, page, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '20' SECOND))
GROUP BY window_start, window_end, GROUPING SETS ((page), ());
EXPLAIN SELECT i.ad_id, c.cost FROM impressions i LEFT JOIN ad_clicks c ON i.ad_id = c.ad_id;
EXPLAIN WITH v AS (SELECT user_id, UPPER(page) AS page, `timestamp` FROM clicks)
SELECT window_start, page, COUNT(*) AS c FROM TABLE(TUMBLE(TABLE v, DESCRIPTOR(`timestamp`), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, page;
EXPLAIN SELECT page, last_click, COUNT(*) OVER (ORDER BY last_click) AS pages_so_far
FROM (SELECT page, MAX(`timestamp`) AS last_click FROM clicks GROUP BY page);
