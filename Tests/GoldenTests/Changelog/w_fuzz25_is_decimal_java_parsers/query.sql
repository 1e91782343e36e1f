-- IS_DECIMAL is Java's BigDecimal or Double.parseDouble reading the text (spaces, 1d, NaN, Infinity, any script's digits). Computed by Flink 2.3.
CREATE TABLE t (id INT, s STRING);
SELECT id, IS_DECIMAL(s) AS c0 FROM t
