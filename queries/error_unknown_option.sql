-- A misspelt option is an error with the option that was meant, never ignored.
CREATE TABLE page_counts (page STRING, clicks BIGINT, PRIMARY KEY (page) NOT ENFORCED)
WITH ('connector' = 'jdbc', 'url' = 'jdbc:sqlite:counts.db', 'table-name' = 'page_counts',
      'sink.buffer-flush.max-row' = '1000');
INSERT INTO page_counts SELECT page, COUNT(*) FROM clicks GROUP BY page;
