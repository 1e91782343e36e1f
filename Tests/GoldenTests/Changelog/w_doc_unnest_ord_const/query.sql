-- UNNEST WITH ORDINALITY beside an unnamed VALUES. Computed by Flink 2.3.
CREATE TABLE Orders (
  order_id STRING,
  product_names ARRAY<STRING>,
  tags MAP<STRING, INT>
);
SELECT * 
FROM (VALUES ('order_1'), ('order_2'))
    CROSS JOIN UNNEST(ARRAY['shirt', 'pants', 'hat']) 
        WITH ORDINALITY AS t(product_name, `index`);
