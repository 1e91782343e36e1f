-- INSTR(text, needle, start, nth) with positive, negative and zero starts, as Flink's SqlFunctionUtils.instr. Computed by Flink 2.3.
CREATE TABLE t (id INT, s STRING);
SELECT id, INSTR(s, 'l', 1, 2) AS a, INSTR(s, 'l', 4) AS b, INSTR(s, 'l', -1, 1) AS c, INSTR(s, 'la', -2, 2) AS d, INSTR(s, 'l', 0, 1) AS e, INSTR(s, 'o', 3, 3) AS f, INSTR(s, 'l') AS g FROM t;
