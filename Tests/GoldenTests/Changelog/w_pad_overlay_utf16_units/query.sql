-- LPAD, RPAD and OVERLAY count UTF-16 units as Java's String does (a split pair's half is written as ?); CHAR_LENGTH counts code points. Computed by Flink 2.3.
CREATE TABLE t (id INT, s STRING);
SELECT id, LPAD(s, 3, '*') AS lp, RPAD(s, 1, '*') AS rp, OVERLAY(s PLACING 'Z' FROM 2 FOR 1) AS ov, CHAR_LENGTH(s) AS n FROM t;
