-- A variation of a shared case (ties, NULLs, late rows), computed by Flink 2.3 in differential testing.
CREATE TABLE impressions (ad_id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
CREATE TABLE ad_clicks (ad_id INT, ts TIMESTAMP(3), cost INT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);

SELECT i.ad_id, i.ts AS shown, c.ts AS clicked, c.cost
FROM impressions i JOIN ad_clicks c
ON i.ad_id = c.ad_id AND c.ts BETWEEN i.ts - INTERVAL '1' SECOND AND i.ts + INTERVAL '2' SECOND;
