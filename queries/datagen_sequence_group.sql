-- Flink's datagen connector with sequence fields (deterministic): Flink 2.3 computes the same rows (checked with PyFlink).
CREATE TABLE src (id BIGINT, v INT) WITH ('connector' = 'datagen', 'rows-per-second' = '5000', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '20', 'fields.v.kind' = 'sequence', 'fields.v.start' = '5', 'fields.v.end' = '30');
SELECT id % 3 AS k, COUNT(*) AS c, SUM(v) AS s, MAX(id) AS top FROM src GROUP BY id % 3;
