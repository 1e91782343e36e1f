CREATE TABLE impressions (ad_id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
CREATE TABLE ad_clicks (ad_id INT, ts TIMESTAMP(3), cost INT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT i.window_start AS ws, i.window_end AS we, i.ad_id AS ia, i.ts AS shown, c.ad_id AS ca, c.ts AS clicked, c.cost
FROM (SELECT * FROM TABLE(TUMBLE(TABLE impressions, DESCRIPTOR(ts), INTERVAL '10' SECOND))) i
FULL JOIN (SELECT * FROM TABLE(TUMBLE(TABLE ad_clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))) c
ON i.ad_id = c.ad_id AND i.window_start = c.window_start AND i.window_end = c.window_end;
