-- JSON_QUERY with wildcard paths ([*], .*): the list of every value found, a value lacking a later member passed over; wrappers as Flink's. Computed by Flink 2.3.
CREATE TABLE docs (id INT, p STRING);
SELECT id, JSON_QUERY(p, '$.items[*].sku') AS q1, JSON_QUERY(p, '$.items[*].sku' WITH CONDITIONAL WRAPPER) AS q2, JSON_QUERY(p, '$.items[*].tags[*]' WITH UNCONDITIONAL WRAPPER) AS q3, JSON_QUERY(p, '$.user.*') AS q4, JSON_QUERY(p, '$[*]') AS q5, JSON_QUERY(p, '$.missing[*]' EMPTY ARRAY ON ERROR) AS q6 FROM docs;
