-- CURRENT_WATERMARK: each row sees the watermark after the rows before it (NULL before the first), a filtered row moves it too.
CREATE TABLE clicks (id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT id, page, ts, CURRENT_WATERMARK(ts) AS wm,
  CASE WHEN CURRENT_WATERMARK(ts) IS NULL OR ts > CURRENT_WATERMARK(ts) THEN 'on time' ELSE 'late' END AS arrival
FROM clicks
WHERE page <> '/skip';
