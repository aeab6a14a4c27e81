-- Supplies, issue 17: an 出库 to a checkpoint names the checkpoint by id (picked from the list, not
-- typed), and the expired part of a past day's stock is summed per batch from the ledger.
ALTER TABLE supply_ledger ADD COLUMN checkpoint_id INTEGER REFERENCES checkpoints (id);
CREATE INDEX supply_ledger_batch ON supply_ledger (batch_id, day) WHERE batch_id IS NOT NULL;
