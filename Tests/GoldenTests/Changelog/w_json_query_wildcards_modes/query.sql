-- JSON_QUERY wildcard paths in lax and strict mode: an explicit lax path finds [] where the others fail. Computed by Flink 2.3.
CREATE TABLE docs (id INT, p STRING);
SELECT id, JSON_QUERY(p, '$.items[*]') AS r1, JSON_QUERY(p, '$.items[*].tags[0]' WITH WRAPPER) AS r2, JSON_QUERY(p, 'lax $.items[*].sku' EMPTY OBJECT ON EMPTY) AS r3, JSON_QUERY(p, 'strict $.items[*].sku') AS r4, JSON_QUERY(p, '$.items.*.sku') AS r5 FROM docs;
