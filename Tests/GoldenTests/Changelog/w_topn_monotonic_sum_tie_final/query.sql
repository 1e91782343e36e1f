-- Top-1 over a count of matching rows with ties: ranked in place, an updated row keeps its place among its ties. Computed by Flink 2.3.
CREATE TABLE clicks (page STRING, cnt INT);
SELECT page, errors, n FROM (SELECT page, errors, n, ROW_NUMBER() OVER (ORDER BY errors DESC) AS rn FROM (SELECT page, SUM(CASE WHEN cnt < 0 THEN 1 ELSE 0 END) AS errors, COUNT(*) AS n FROM clicks GROUP BY page)) WHERE rn <= 1;
