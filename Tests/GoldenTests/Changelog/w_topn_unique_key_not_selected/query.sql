-- Top-1 over an aggregation by (page, user_id) that selects neither user_id nor rn: the unique key still reaches the Rank (Flink's CalcRankTransposeRule keeps it), so an update is ranked in place. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '0' SECOND
);
SELECT page, c FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY c DESC, page) AS rn FROM (SELECT page, user_id, COUNT(*) AS c FROM clicks GROUP BY page, user_id)) WHERE rn <= 1;
