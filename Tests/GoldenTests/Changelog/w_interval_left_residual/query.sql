CREATE TABLE impressions (ad_id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
CREATE TABLE ad_clicks (ad_id INT, ts TIMESTAMP(3), cost INT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT i.ad_id, i.ts AS shown, c.ts AS clicked, c.cost FROM impressions i LEFT JOIN ad_clicks c ON i.ad_id = c.ad_id AND c.ts BETWEEN i.ts AND i.ts + INTERVAL '4' SECOND AND c.cost > 100;
