CREATE TABLE bid (supplier STRING, item STRING, price INT, bidtime TIMESTAMP(3), WATERMARK FOR bidtime AS bidtime - INTERVAL '1' MINUTE);
WITH w1 AS (SELECT window_start AS ws, window_end AS we, window_time AS rowtime, supplier, SUM(price) AS partial_price, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTE)) GROUP BY supplier, window_start, window_end, window_time)
SELECT TUMBLE_START(rowtime, INTERVAL '10' MINUTE) AS s10, TUMBLE_END(rowtime, INTERVAL '10' MINUTE) AS e10, SUM(partial_price) AS total FROM w1 GROUP BY TUMBLE(rowtime, INTERVAL '10' MINUTE);
