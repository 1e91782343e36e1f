SELECT page, COUNT(*) AS n FROM clicks GROUP BY page;
