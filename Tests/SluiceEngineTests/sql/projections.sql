--@test: filters and projections keep the key and compute values
CREATE STREAM orders (id INT KEY, item STRING, qty INT, price DOUBLE) WITH (kafka_topic='orders', value_format='JSON');
CREATE STREAM big_orders AS SELECT id, UCASE(item) AS item, qty * price AS total FROM orders WHERE qty >= 2;
INSERT INTO orders (id, item, qty, price) VALUES (1, 'apple', 1, 0.5);
INSERT INTO orders (id, item, qty, price) VALUES (2, 'pear', 3, 1.25);
INSERT INTO orders (id, item, qty, price) VALUES (3, 'plum', 10, 0.1);
ASSERT VALUES big_orders (id, item, total) VALUES (2, 'PEAR', 3.75);
ASSERT VALUES big_orders (id, item, total) VALUES (3, 'PLUM', 1.0);
ASSERT STREAM big_orders (id INT KEY, item STRING, total DOUBLE) WITH (kafka_topic='BIG_ORDERS', value_format='JSON');

--@test: an expression that fails gives NULL and the row is still emitted
CREATE STREAM s (id INT KEY, a INT, b INT) WITH (kafka_topic='s', value_format='JSON');
CREATE STREAM ratios AS SELECT id, a / b AS ratio, a FROM s;
INSERT INTO s (id, a, b) VALUES (1, 10, 0);
INSERT INTO s (id, a, b) VALUES (2, 10, 4);
ASSERT VALUES ratios (id, ratio, a) VALUES (1, NULL, 10);
ASSERT VALUES ratios (id, ratio, a) VALUES (2, 2, 10);

--@test: CASE, CAST, LIKE, BETWEEN and IN
CREATE STREAM s (id INT KEY, name STRING, score INT) WITH (kafka_topic='s', value_format='JSON');
CREATE STREAM graded AS SELECT id,
    CASE WHEN score >= 90 THEN 'A' WHEN score BETWEEN 50 AND 89 THEN 'B' ELSE 'C' END AS grade,
    CAST(score AS STRING) + '%' AS label,
    name LIKE 'a%' AS starts_with_a,
    score IN (1, 2, 3) AS tiny
  FROM s;
INSERT INTO s (id, name, score) VALUES (1, 'ann', 95);
INSERT INTO s (id, name, score) VALUES (2, 'bob', 2);
ASSERT VALUES graded (id, grade, label, starts_with_a, tiny) VALUES (1, 'A', '95%', true, false);
ASSERT VALUES graded (id, grade, label, starts_with_a, tiny) VALUES (2, 'C', '2%', false, true);

--@test: integer arithmetic wraps like Java's
CREATE STREAM s (id INT KEY, a INT, b BIGINT) WITH (kafka_topic='s', value_format='JSON');
CREATE STREAM wrapped AS SELECT id, a + 1 AS a1, b * 2 AS b2 FROM s;
INSERT INTO s (id, a, b) VALUES (1, 2147483647, 9223372036854775807);
ASSERT VALUES wrapped (id, a1, b2) VALUES (1, -2147483648, -2);

--@test: a key column must be in the projection
--@expected.error: io.confluent.ksql.util.KsqlStatementException
--@expected.message: The query used to build `OUT` must include the key column ID in its projection
CREATE STREAM s (id INT KEY, v INT) WITH (kafka_topic='s', value_format='JSON');
CREATE STREAM out AS SELECT v FROM s;

--@test: SET refuses an auto.offset.reset that is not earliest, latest or none
--@expected.error: io.confluent.ksql.util.KsqlStatementException
--@expected.message: String must be one of: latest, earliest, none
SET 'auto.offset.reset'='sometimes';

--@test: SET refuses a property that is not a ksql, streams, consumer or producer one
--@expected.error: io.confluent.ksql.util.KsqlStatementException
--@expected.message: Not recognizable as ksql, streams, consumer, or producer property: 'no.such.property'
SET 'no.such.property'='1';
