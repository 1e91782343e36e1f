-- (a, b) IN ((1, 'x'), (2, 'y')): an OR of field-by-field equalities, as Calcite expands it. Computed by Flink 2.3.
CREATE TABLE clicks (
  user_id INT,
  page STRING,
  `timestamp` TIMESTAMP(3),
  duration_ms BIGINT,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
);
SELECT user_id, page FROM clicks WHERE (user_id, page) IN ((101, '/cart'), (102, '/main'));
