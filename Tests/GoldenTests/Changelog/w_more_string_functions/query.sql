-- BTRIM, TRANSLATE, ELT, REGEXP_COUNT, REGEXP_INSTR, REGEXP_SUBSTR and TYPEOF on edge values (Flink 2.3).
CREATE TABLE t (id INT, s STRING, n INT);
SELECT id, BTRIM(s) AS bt, BTRIM(s, 'x ') AS btx, TRANSLATE(s, 'ab', 'xy') AS tr, ELT(n, 'one', 'two', 'three') AS el,
  REGEXP_COUNT(s, 'a') AS rc, REGEXP_INSTR(s, 'b+') AS ri, REGEXP_SUBSTR(s, 'b+') AS rs, TYPEOF(n) AS ty
FROM t;
