CREATE TABLE a (k INT, va INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
CREATE TABLE b (k INT, vb INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
SELECT a.k, a.va, b.vb, a.ts AS ats, b.ts AS bts
FROM a, b
WHERE a.k = b.k AND b.ts >= a.ts AND b.ts < a.ts + INTERVAL '4' SECOND;
