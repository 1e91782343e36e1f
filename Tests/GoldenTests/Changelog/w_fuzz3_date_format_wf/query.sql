CREATE TABLE ev (id INT, ts TIMESTAMP(3), s STRING);
SELECT id, DATE_FORMAT(ts, 'W') AS w, DATE_FORMAT(ts, 'F') AS f, DATE_FORMAT(ts, 'e c') AS ec, DATE_FORMAT(ts, 'k K') AS kk FROM ev;
