-- Uploaded files: one row of metadata, and the content in chunks of at most 256 KiB so that
-- neither an upload nor a download ever holds a whole file in memory (src/files.ts).
-- A file is listed only once `complete`: an upload that failed midway is deleted, and one cut
-- off by a crash is swept at the next start.
CREATE TABLE files (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  content_type text NOT NULL,
  size bigint NOT NULL DEFAULT 0,
  sha256 text,
  complete boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX files_listed ON files (created_at DESC, id DESC) WHERE complete;

CREATE TABLE file_chunks (
  file_id bigint NOT NULL REFERENCES files (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (file_id, seq)
);
