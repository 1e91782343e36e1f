CREATE TABLE clicks (id INT, tags ARRAY<STRING>, nums ARRAY<INT>, ts TIMESTAMP(3));
SELECT id, tags[1] AS first_tag, tags[3] AS third_tag, CARDINALITY(tags) AS n_tags, nums[2] + 1 AS second_plus,
  CARDINALITY(nums) AS n_nums, UPPER(tags[2]) AS upper2
FROM clicks
WHERE CARDINALITY(tags) > 0 OR tags IS NULL;
