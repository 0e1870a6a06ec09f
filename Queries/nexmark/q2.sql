-- Nexmark q2: selection. Only the bids on every 123rd auction pass.
RUN SCRIPT 'bid.sql';

CREATE STREAM q2 AS
    SELECT auction, price
    FROM bid
    WHERE auction % 123 = 0
    EMIT CHANGES;
