-- GROUPING outside an aggregation is an error, as in Flink ("GROUPING operator may only occur in an aggregate query").
SELECT page, GROUPING(page) AS g FROM clicks;
