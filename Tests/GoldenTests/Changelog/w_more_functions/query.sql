CREATE TABLE clicks (id INT, s STRING, t STRING, n INT, x DOUBLE, i BIGINT, ms BIGINT);
SELECT id,
  SUBSTR(s, 2) AS sub1, SUBSTR(s, 2, 3) AS sub2, SUBSTR(s, -3, 2) AS sub3, SUBSTR(s, 0, 2) AS sub4, SUBSTR(s, -20) AS sub5,
  SUBSTRING(s FROM 0 FOR 3) AS sub6, SUBSTRING(s FROM -4) AS sub7,
  INSTR(s, t) AS ins, ASCII(s) AS asc1, CHR(n) AS chr1, TO_BASE64(s) AS b64, HEX(i) AS hexi, HEX(s) AS hexs, BIN(i) AS bini,
  URL_ENCODE(s) AS ue, URL_DECODE(t) AS ud, IS_DIGIT(t) AS isd, IS_ALPHA(s) AS isa, IS_DECIMAL(t) AS isdec,
  SIGN(x) AS sgn, SIGN(i) AS sgni, DEGREES(x) AS deg, RADIANS(x) AS rad, SIN(x) AS sn, COS(x) AS cs, TAN(x) AS tn, COT(x + 0.1) AS ct,
  ATAN(x) AS atn, ASIN(x / 200) AS asn, ACOS(x / 200) AS acs, ATAN2(x, CAST(n AS DOUBLE)) AS at2, SINH(x) AS snh, COSH(x) AS csh,
  TANH(x) AS tnh, PI() AS p, E() AS e,
  CAST(TO_TIMESTAMP_LTZ(ms, 3) AS TIMESTAMP(3)) AS ltz3, CAST(TO_TIMESTAMP_LTZ(ms / 1000, 0) AS TIMESTAMP(3)) AS ltz0,
  CAST(TO_TIMESTAMP_LTZ(ms) AS TIMESTAMP(3)) AS ltzd
FROM clicks;
