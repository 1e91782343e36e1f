-- The Joins page's UNNEST of a constant array beside an unnamed VALUES (columns EXPR$0, EXPR$00). Computed by Flink 2.3.
CREATE TABLE Orders (
  order_id STRING,
  product_names ARRAY<STRING>,
  tags MAP<STRING, INT>
);
SELECT * FROM (VALUES('order_1')), UNNEST(ARRAY['shirt', 'pants', 'hat']);
