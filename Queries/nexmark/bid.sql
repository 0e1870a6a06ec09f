-- The Nexmark bid stream, as ../shared/bench's generator writes it (JSON lines, dateTime as text).
CREATE STREAM bid (
    auction BIGINT,
    bidder BIGINT,
    price BIGINT,
    channel STRING,
    url STRING,
    dateTime STRING,
    extra STRING
) WITH (
    KAFKA_TOPIC = 'bid',
    VALUE_FORMAT = 'JSON',
    PARTITIONS = 2,
    TIMESTAMP = 'dateTime',
    TIMESTAMP_FORMAT = 'yyyy-MM-dd HH:mm:ss.SSS'
);
