-- HASH_CODE of DATE (days), TIME, FLOAT, SMALLINT, a BIGINT product, and strings whose hashCode is negative (Math.abs). Computed by Flink 2.3.
CREATE TABLE t (id INT, dt DATE, tm TIME, f FLOAT, sm SMALLINT, s STRING);
SELECT id, HASH_CODE(dt) AS hd, HASH_CODE(tm) AS ht, HASH_CODE(f) AS hf, HASH_CODE(sm) AS hs, HASH_CODE(CAST(id AS BIGINT) * 1000000000000) AS hb, HASH_CODE(UPPER(s)) AS hu FROM t;
