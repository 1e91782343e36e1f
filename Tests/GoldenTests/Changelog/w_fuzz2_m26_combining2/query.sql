-- An edge of a cast or string function as Flink 2.3 computes it (found in differential testing).
CREATE TABLE t (s STRING);
SELECT CHAR_LENGTH(s) AS n, LPAD(s, 4, 'x') AS lp, RPAD(s, 2, 'x') AS rp, POSITION('a' IN s) AS p, LOCATE('a', s, 3) AS lc, OVERLAY(s PLACING 'Z' FROM 2 FOR 1) AS ov, SPLIT_INDEX(s, 'a', 0) AS sp, REGEXP_EXTRACT(s, '^(.)', 1) AS rx, INSTR(s, 'a') AS ins, SUBSTR(s, 1, 1) AS sb FROM t;
