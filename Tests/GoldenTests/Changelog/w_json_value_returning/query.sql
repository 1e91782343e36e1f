-- JSON_VALUE with RETURNING and ON ERROR defaults (Flink 2.3 crashes on a kind mismatch, so the data avoids one).
CREATE TABLE clicks (id INT, payload STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
SELECT id,
  JSON_VALUE(payload, '$.i' RETURNING INT) AS i_int,
  JSON_VALUE(payload, '$.f' RETURNING DOUBLE) AS f_dbl,
  JSON_VALUE(payload, '$.s' RETURNING STRING) AS s_str,
  JSON_VALUE(payload, '$.t' RETURNING BOOLEAN) AS t_bool,
  JSON_VALUE(payload, '$.missing' RETURNING INT DEFAULT -1 ON EMPTY) AS m_default,
  JSON_VALUE(payload, '$.a' RETURNING INT DEFAULT -2 ON ERROR) AS s_err_default,
  JSON_VALUE(payload, '$.a' DEFAULT 'obj' ON ERROR) AS a_err,
  JSON_VALUE(payload, '$.missing' DEFAULT 'none' ON EMPTY DEFAULT 'bad' ON ERROR) AS m_both,
  JSON_VALUE(payload, '$.n' RETURNING INT DEFAULT 7 ON EMPTY) AS n_null,
  JSON_VALUE(payload, 'lax $.i' RETURNING INT) AS lax_i,
  JSON_VALUE(payload, 'strict $.missing' DEFAULT 'strict-missing' ON ERROR) AS strict_m,
  JSON_VALUE(payload, '$.i' NULL ON EMPTY NULL ON ERROR) AS nulls
FROM clicks;
