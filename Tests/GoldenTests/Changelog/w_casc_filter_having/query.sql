CREATE TABLE bid (supplier STRING, item STRING, price INT, bidtime TIMESTAMP(3), WATERMARK FOR bidtime AS bidtime - INTERVAL '1' MINUTE);
WITH w1 AS (SELECT window_start AS ws, window_time AS rowtime, supplier, SUM(price) AS partial_price
FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTE)) GROUP BY supplier, window_start, window_end, window_time HAVING COUNT(*) >= 1)
SELECT window_start, window_end, supplier, SUM(partial_price) AS total FROM TABLE(TUMBLE(TABLE w1, DESCRIPTOR(rowtime), INTERVAL '20' MINUTE)) WHERE partial_price > 3 GROUP BY window_start, window_end, supplier HAVING SUM(partial_price) > 5;
