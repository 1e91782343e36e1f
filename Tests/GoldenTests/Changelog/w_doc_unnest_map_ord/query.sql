-- UNNEST of a MAP WITH ORDINALITY, no column names: KEY, VALUE, ORDINALITY. Computed by Flink 2.3.
CREATE TABLE Orders (
  order_id STRING,
  product_names ARRAY<STRING>,
  tags MAP<STRING, INT>
);
SELECT *
FROM 
    (VALUES('order_1'))
        CROSS JOIN UNNEST(MAP['shirt', 2, 'pants', 1, 'hat', 1]) WITH ORDINALITY;
