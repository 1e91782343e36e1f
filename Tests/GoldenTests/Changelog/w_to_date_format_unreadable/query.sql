-- TO_DATE(text, format) of text the format cannot read: Flink's failure sentinel comes out as 5471-09-27. Computed by Flink 2.3.
CREATE TABLE ev (id INT, s STRING, ts TIMESTAMP(3), epoch_ms BIGINT, epoch_s BIGINT, d STRING, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
SELECT id, CAST(TO_DATE(d, 'yyyyMMdd') AS STRING) AS d2, CAST(TIMESTAMP '2024-02-29 12:00:00' + INTERVAL '1' YEAR AS STRING) AS leap1 FROM ev WHERE ts >= TIMESTAMP '2024-04-01 00:00:00';
