-- Mini-batch without a bundle size is refused before the query runs, as Flink 2.3 fails the job (fuzz round 24).
SET 'table.exec.mini-batch.enabled' = 'true';
SELECT page, COUNT(*) AS c FROM clicks GROUP BY page;
