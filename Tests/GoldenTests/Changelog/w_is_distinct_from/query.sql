-- IS [NOT] DISTINCT FROM, IS [NOT] UNKNOWN, STARTSWITH, ENDSWITH, LTRIM/RTRIM with characters (Flink 2.3).
CREATE TABLE t (id INT, a INT, b INT, s STRING);
SELECT id, a IS DISTINCT FROM b AS d, a IS NOT DISTINCT FROM b AS nd, (a > b) IS UNKNOWN AS u, (a > b) IS NOT UNKNOWN AS nu,
  STARTSWITH(s, 'ab') AS sw, ENDSWITH(s, 'yz') AS ew, LTRIM(s, 'a') AS lt, RTRIM(s, 'z') AS rt
FROM t;
