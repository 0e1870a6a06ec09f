-- Nexmark q1: currency conversion. Prices in dollars become euros, as DECIMAL(23, 3).
RUN SCRIPT 'bid.sql';

CREATE STREAM q1 AS
    SELECT auction, bidder, 0.908 * price AS price, dateTime, extra
    FROM bid
    EMIT CHANGES;
