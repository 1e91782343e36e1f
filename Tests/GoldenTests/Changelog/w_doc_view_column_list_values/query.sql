-- CREATE VIEW t1(s) AS VALUES …, a view's column list over a VALUES query. Computed by Flink 2.3.
CREATE TABLE t (s STRING);
CREATE VIEW t1(s) AS VALUES ('c'), ('a');
SELECT s FROM t1;
