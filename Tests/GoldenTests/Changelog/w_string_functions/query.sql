CREATE TABLE clicks (id INT, s STRING, n INT, t STRING, f STRING);
SELECT id, INITCAP(s) AS ic, LEFT(s, n) AS lf, RIGHT(s, n) AS rt, REPEAT(s, n) AS rp, REVERSE(s) AS rv,
  LOCATE('o', s) AS lo, LOCATE('a', s, 2) AS lo2, POSITION('/' IN s) AS po, REGEXP(s, '[0-9]+') AS re,
  REGEXP_REPLACE(s, '([a-z]+)/([0-9]+)', '$2:$1') AS rr, FROM_UNIXTIME(n * 86400) AS fu,
  UNIX_TIMESTAMP(t) AS ut, UNIX_TIMESTAMP(f, 'yyyyMMdd HHmm') AS uf, TO_TIMESTAMP(t) AS tt, TO_TIMESTAMP(f, 'yyyyMMdd HHmm') AS tf, MD5(s) AS m5, SHA1(s) AS s1, SHA256(s) AS s2
FROM clicks;
