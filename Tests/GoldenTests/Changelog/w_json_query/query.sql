CREATE TABLE clicks (id INT, payload STRING);
SELECT id, JSON_QUERY(payload, '$') AS q0, JSON_QUERY(payload, '$.a') AS q1, JSON_QUERY(payload, '$.a.b') AS q2, JSON_QUERY(payload, '$.e') AS q3,
  JSON_QUERY(payload, '$.d') AS q4, JSON_QUERY(payload, '$.a.n.m[0]') AS q5, JSON_QUERY(payload, '$.a[1]') AS q6, JSON_QUERY(payload, '$.nope') AS q7
FROM clicks;
