CREATE TABLE clicks (id INT, payload STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT id, JSON_VALUE(payload, '$.a.b') AS ab, JSON_VALUE(payload, '$.c[1]') AS c1, JSON_VALUE(payload, '$.c[2].d') AS c2d,
  JSON_VALUE(payload, '$.s') AS s, JSON_VALUE(payload, '$.f') AS f, JSON_VALUE(payload, '$.e') AS e, JSON_VALUE(payload, '$.t') AS t,
  JSON_VALUE(payload, '$.n') AS n, JSON_VALUE(payload, '$.a') AS a, JSON_VALUE(payload, '$[0]') AS first, JSON_VALUE(payload, '$.missing') AS m
FROM clicks;
