-- JSON_VALUE: every failure, JSON null and missing member included, takes the ON ERROR behaviour; ON EMPTY is never used (Flink 2.3).
CREATE TABLE clicks (id INT, payload STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT id,
  JSON_VALUE(payload, '$.n' DEFAULT 'e' ON ERROR) AS n_err,
  JSON_VALUE(payload, '$.n' DEFAULT 'm' ON EMPTY) AS n_empty,
  JSON_VALUE(payload, '$.missing' DEFAULT 'm' ON EMPTY) AS miss_empty,
  JSON_VALUE(payload, '$.missing' RETURNING BOOLEAN DEFAULT FALSE ON ERROR) AS miss_bool,
  JSON_VALUE(payload, '$.t' RETURNING STRING) AS t_str,
  JSON_VALUE(payload, '$.f' RETURNING STRING) AS f_str,
  JSON_VALUE(payload, '$.i' RETURNING VARCHAR(3)) AS i_v3,
  JSON_VALUE(payload, 'strict $.a' DEFAULT 'sa' ON ERROR) AS strict_a,
  JSON_VALUE(payload, 'strict $.n' DEFAULT 'sn' ON ERROR) AS strict_n,
  JSON_VALUE(payload, '$.i' RETURNING INT) + 1 AS i_plus
FROM clicks;
