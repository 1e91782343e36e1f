-- JSON_QUOTE and JSON_UNQUOTE, as in Flink's documentation. Computed by Flink 2.3.
CREATE TABLE J (id INT, js STRING);
SELECT id, JSON_QUOTE(js) AS a, JSON_UNQUOTE('"a\\tb"') AS b FROM J;
