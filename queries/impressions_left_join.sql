-- input: clicks.ndjson
-- LEFT interval join: impressions without a click within 5 seconds come out with NULLs once
-- the watermark shows no click can still match.
CREATE TABLE impressions (ad_id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'filesystem', 'path' = 'samples/impressions.ndjson', 'format' = 'json');
CREATE TABLE ad_clicks (ad_id INT, ts TIMESTAMP(3), cost INT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'filesystem', 'path' = 'samples/ad_clicks.ndjson', 'format' = 'json');

SELECT i.ad_id, i.ts AS shown, c.cost
FROM impressions i LEFT JOIN ad_clicks c
  ON i.ad_id = c.ad_id AND c.ts BETWEEN i.ts AND i.ts + INTERVAL '5' SECOND;
