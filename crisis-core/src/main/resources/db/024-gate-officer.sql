--liquibase formatted sql

--changeset crisis:024-gate-officer
-- The consular officer the crisis cell names to run a leg's gate: with the cell, the only one who closes it, marks
-- it departed or arrived, and sees its whole passenger list. Other officers see and act on their own consulate's
-- households only.
ALTER TABLE transport_leg ADD COLUMN gate_officer TEXT;
