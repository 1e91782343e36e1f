CREATE TABLE t (s STRING, i INT, l BIGINT, d DOUBLE, p DECIMAL(10, 3), t TINYINT, ts TIMESTAMP(3), b BOOLEAN);
SELECT PRINTF('%s-%05d|%x|%X|%o|%,d', s, i, i, l, i, l) AS a, PRINTF('%.2f|%10.3f|%-8.1f|%e|%+.0f', d, d, d, d, d) AS b, PRINTF('[%-6s][%6s][%.2s][%S]', s, s, s, s) AS c, PRINTF('%s %s %s %b %x', p, ts, b, b, t) AS e, PRINTF('%2$s/%1$s %%', i, s) AS f FROM t;
