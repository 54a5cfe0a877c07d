-- The registrar permission (registrator): a STAFF member who may export a term's
-- records to the archive. It belongs to the assignment, so it ends with the role.
ALTER TABLE role_assignments ADD COLUMN registrar INTEGER NOT NULL DEFAULT 0 CHECK (registrar IN (0, 1));
