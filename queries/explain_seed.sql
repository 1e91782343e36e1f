-- EXPLAIN prints the operator graph, one operator a line.
EXPLAIN SELECT page, COUNT(*) AS click_count
FROM clicks
GROUP BY TUMBLE(timestamp, INTERVAL '10' SECOND), page;
