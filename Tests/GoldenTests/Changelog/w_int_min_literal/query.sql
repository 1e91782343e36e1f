-- -2147483648 is one INT literal: ABS of it overflows to itself, as in Flink. Computed by Flink 2.3.
CREATE TABLE m (id INT, i INT, b BIGINT, d DOUBLE, x DECIMAL(10, 2), y DECIMAL(5, 3), s STRING, f BOOLEAN);
SELECT id, COALESCE(i, b) AS co2, ABS(-2147483648) AS absmin, ROUND(x, 1) AS r2, CAST(b AS DOUBLE) AS ca20 FROM m;
