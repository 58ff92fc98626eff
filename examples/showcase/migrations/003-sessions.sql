-- The table @tsgi/session's postgresStore reads and writes (created here, so the whole schema is
-- in migrations; the store is told not to create it).
CREATE TABLE sessions (
  id text PRIMARY KEY,
  data jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
