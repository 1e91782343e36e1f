-- DATE_FORMAT with DateTimeFormatter text letters (EEE, MMMM, QQQQ, k, K, D, n, A), as Flink formats.
CREATE TABLE clicks (id INT, ts TIMESTAMP(3));
SELECT id,
  DATE_FORMAT(ts, 'EEE') AS e3, DATE_FORMAT(ts, 'EEEE') AS e4, DATE_FORMAT(ts, 'E') AS e1,
  DATE_FORMAT(ts, 'MMM') AS m3, DATE_FORMAT(ts, 'MMMM') AS m4, DATE_FORMAT(ts, 'M') AS m1,
  DATE_FORMAT(ts, 'D') AS d1, DATE_FORMAT(ts, 'DDD') AS d3,
  DATE_FORMAT(ts, 'k') AS k1, DATE_FORMAT(ts, 'K') AS bigk, DATE_FORMAT(ts, 'hh a') AS h12,
  DATE_FORMAT(ts, 'uuuu') AS u4, DATE_FORMAT(ts, 'Q') AS q1, DATE_FORMAT(ts, 'QQQ') AS q3, DATE_FORMAT(ts, 'QQQQ') AS q4,
  DATE_FORMAT(ts, 'dd/MM/yy HH:mm:ss.SS') AS mix, DATE_FORMAT(ts, 'EEE, d MMM yyyy') AS rfc,
  DATE_FORMAT(ts, 'yyyy-MM-dd''T''HH:mm') AS quoted, DATE_FORMAT(ts, 'n') AS nano, DATE_FORMAT(ts, 'A') AS milli_of_day
FROM clicks;
