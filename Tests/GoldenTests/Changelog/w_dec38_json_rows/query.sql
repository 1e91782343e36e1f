CREATE TABLE t (k STRING, d DECIMAL(38, 18), ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT k, d, d > 10 AS big, d * 2 AS twice FROM t;
