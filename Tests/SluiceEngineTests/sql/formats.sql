--@test: DELIMITED values and KAFKA keys round-trip
CREATE STREAM csv (k BIGINT KEY, name STRING, amount DECIMAL(6, 2)) WITH (kafka_topic='csv', key_format='KAFKA', value_format='DELIMITED');
CREATE STREAM doubled AS SELECT k, name, amount * 2 AS amount FROM csv;
INSERT INTO csv (k, name, amount) VALUES (10, 'a,b', 1.25);
ASSERT VALUES doubled (k, name, amount) VALUES (10, 'a,b', 2.50);

--@test: a single JSON value column can be unwrapped
CREATE STREAM raw (v STRING) WITH (kafka_topic='raw', value_format='JSON', wrap_single_value=false);
CREATE STREAM upper AS SELECT UCASE(v) AS v FROM raw;
INSERT INTO raw (v) VALUES ('hello');
ASSERT VALUES upper (v) VALUES ('HELLO');

--@test: KAFKA values cannot hold arrays
--@expected.error: io.confluent.ksql.util.KsqlStatementException
--@expected.message: The 'KAFKA' format does not support type 'ARRAY'
CREATE STREAM bad (v ARRAY<INT>) WITH (kafka_topic='bad', value_format='KAFKA');
