CREATE TABLE bid (supplier STRING, item STRING, price INT, bidtime TIMESTAMP(3), WATERMARK FOR bidtime AS bidtime - INTERVAL '1' MINUTE);
WITH w1 AS (SELECT TUMBLE_START(bidtime, INTERVAL '5' MINUTE) AS ws, TUMBLE_ROWTIME(bidtime, INTERVAL '5' MINUTE) AS rt, item, SUM(price) AS s
FROM bid GROUP BY TUMBLE(bidtime, INTERVAL '5' MINUTE), item)
SELECT window_start, window_end, item, SUM(s) AS total, COUNT(*) AS parts FROM TABLE(TUMBLE(TABLE w1, DESCRIPTOR(rt), INTERVAL '30' MINUTE)) GROUP BY window_start, window_end, item;
