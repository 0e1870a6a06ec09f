--@test: numbers widen into wider columns
CREATE STREAM readings (id INT KEY, big BIGINT, amount DECIMAL(6, 2), ratio DOUBLE) WITH (kafka_topic='readings', value_format='JSON');
CREATE STREAM copied AS SELECT * FROM readings;
INSERT INTO readings (id, big, amount, ratio) VALUES (1, 7, 3, 2);
ASSERT VALUES copied (id, big, amount, ratio) VALUES (1, 7, 3.00, 2.0);

--@test: an integral literal fits an INT column
CREATE STREAM readings (id INT KEY, v INT) WITH (kafka_topic='readings', value_format='JSON');
CREATE STREAM copied AS SELECT * FROM readings;
INSERT INTO readings (id, v) VALUES (2.0, 5);
ASSERT VALUES copied (id, v) VALUES (2, 5);

--@test: a value too big for an INT column is rejected, not wrapped
--@expected.error: io.confluent.ksql.util.KsqlStatementException
--@expected.message: Expected type INTEGER for field ID but got 2147483648(BIGINT)
CREATE STREAM readings (id INT KEY, v STRING) WITH (kafka_topic='readings', value_format='JSON');
INSERT INTO readings (id, v) VALUES (2147483648, 'x');

--@test: a fraction is rejected for an INT column, not truncated
--@expected.error: io.confluent.ksql.util.KsqlStatementException
--@expected.message: Expected type INTEGER for field ID but got 1.5
CREATE STREAM readings (id INT KEY, v STRING) WITH (kafka_topic='readings', value_format='JSON');
INSERT INTO readings (id, v) VALUES (1.5, 'x');
