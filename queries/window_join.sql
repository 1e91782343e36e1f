-- input: clicks.ndjson
-- Window join: impressions and clicks of the same ad in the same 10-second window, joined
-- when the window closes; a LEFT join keeps impressions without a click.
CREATE TABLE impressions (ad_id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'filesystem', 'path' = 'samples/impressions.ndjson', 'format' = 'json');
CREATE TABLE ad_clicks (ad_id INT, ts TIMESTAMP(3), cost INT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'filesystem', 'path' = 'samples/ad_clicks.ndjson', 'format' = 'json');

SELECT i.window_start, i.window_end, i.ad_id, i.ts AS shown, c.ts AS clicked, c.cost
FROM (SELECT * FROM TABLE(TUMBLE(TABLE impressions, DESCRIPTOR(ts), INTERVAL '10' SECOND))) i
LEFT JOIN (SELECT * FROM TABLE(TUMBLE(TABLE ad_clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))) c
ON i.ad_id = c.ad_id AND i.window_start = c.window_start AND i.window_end = c.window_end;
