CREATE TABLE clicks (id INT, attrs MAP<STRING, STRING>, counts MAP<STRING, INT>);
SELECT id, attrs['color'] AS color, attrs['ünï'] AS snow, attrs['q"k'] AS quoted, CARDINALITY(attrs) AS n_attrs,
  counts['a'] AS a, counts['b'] * 10 AS b10, CARDINALITY(counts) AS n_counts, UPPER(attrs['size']) AS size
FROM clicks;
