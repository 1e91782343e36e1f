-- An INT column read from 12.0: a whole number fits, as Flink's JSON format reads it. Computed by Flink 2.3.
CREATE TABLE t (id INT, v INT);
SELECT id, v FROM t;
