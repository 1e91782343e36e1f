SELECT page, CUONT(*) AS n FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '10' SECOND), page;
