-- input: clicks.ndjson
-- Interval join: each ad click within 5 seconds after an impression of the same ad. Each
-- table reads its own file.
CREATE TABLE impressions (ad_id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'filesystem', 'path' = 'samples/impressions.ndjson', 'format' = 'json');
CREATE TABLE ad_clicks (ad_id INT, ts TIMESTAMP(3), cost INT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'filesystem', 'path' = 'samples/ad_clicks.ndjson', 'format' = 'json');

SELECT i.ad_id, i.ts AS shown, c.ts AS clicked, c.cost
FROM impressions i, ad_clicks c
WHERE i.ad_id = c.ad_id AND c.ts BETWEEN i.ts AND i.ts + INTERVAL '5' SECOND;
