CREATE TABLE clicks (id INT, payload STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT id, JSON_EXISTS(payload, '$.a') AS a, JSON_EXISTS(payload, '$.a.b') AS ab, JSON_EXISTS(payload, '$.n') AS n,
  JSON_EXISTS(payload, '$.c[2]') AS c2, JSON_EXISTS(payload, '$.c[9]') AS c9, JSON_EXISTS(payload, '$[0]') AS first,
  JSON_EXISTS(payload, '$.missing') AS m, JSON_EXISTS(payload, '$') AS root
FROM clicks;
