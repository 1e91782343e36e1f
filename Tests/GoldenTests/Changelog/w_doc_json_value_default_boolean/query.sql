-- JSON_VALUE … DEFAULT FALSE ON EMPTY / ON ERROR returning STRING, as in Flink's documentation. Computed by Flink 2.3.
CREATE TABLE t (id INT);
SELECT id, JSON_VALUE('{"a": true}', 'lax $.b' DEFAULT FALSE ON EMPTY) AS v3, JSON_VALUE('{"a": true}', 'strict $.b' DEFAULT FALSE ON ERROR) AS v4 FROM t;
