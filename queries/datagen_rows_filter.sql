-- Flink's datagen connector with sequence fields (deterministic): Flink 2.3 computes the same rows (checked with PyFlink).
CREATE TABLE src (id INT, n SMALLINT, d DOUBLE) WITH ('connector' = 'datagen', 'number-of-rows' = '7', 'fields.id.kind' = 'sequence', 'fields.id.start' = '10', 'fields.id.end' = '1000', 'fields.n.kind' = 'sequence', 'fields.n.start' = '-3', 'fields.n.end' = '100', 'fields.d.kind' = 'sequence', 'fields.d.start' = '1', 'fields.d.end' = '100');
SELECT id, n, d, id % 2 AS odd FROM src WHERE n <> 0;
