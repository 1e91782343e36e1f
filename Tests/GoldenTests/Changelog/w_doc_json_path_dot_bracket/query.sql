-- JSON paths with a quoted member after a dot, $.["a.b"] and $.['contains blank'], as Flink's JSON_VALUE documentation writes them. Computed by Flink 2.3.
CREATE TABLE t (id INT, js STRING);
SELECT id, JSON_VALUE(js, '$.["a.b"][0]' RETURNING DOUBLE) AS v1, JSON_VALUE(js, 'strict $.[''contains blank'']') AS v2, JSON_VALUE(js, '$[''contains blank'']') AS v3, JSON_EXISTS(js, '$.["a.b"]') AS e1, JSON_QUERY(js, '$.["a.b"]') AS q1 FROM t;
