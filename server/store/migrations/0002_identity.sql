-- Identity: passkeys, sign-in through an organisation's identity provider, and how a
-- session was started.

-- The WebAuthn user handle: random, so a passkey reveals nothing about the person's id.
-- Made at the first passkey registration.
ALTER TABLE people ADD COLUMN webauthn_handle BLOB;
CREATE UNIQUE INDEX people_webauthn_handle ON people (webauthn_handle) WHERE webauthn_handle IS NOT NULL;

-- How a session was started: 'invite', 'passkey' or 'oidc' ('' for older sessions).
ALTER TABLE sessions ADD COLUMN method TEXT NOT NULL DEFAULT '';

-- A passkey. credential is go-webauthn's Credential as JSON (public key, sign count,
-- flags); credential_id is also kept on its own for the lookup at sign-in.
CREATE TABLE passkeys (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES people (id),
  credential_id BLOB    NOT NULL UNIQUE,
  name          TEXT    NOT NULL,
  credential    TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  last_used_at  INTEGER
);
CREATE INDEX passkeys_person ON passkeys (person_id);

-- A WebAuthn ceremony between its Begin and Finish calls: the challenge and the rest of
-- go-webauthn's SessionData as JSON. Only the hash of the ceremony id the browser holds
-- is stored; a row is deleted when it is used, so each works once.
CREATE TABLE webauthn_ceremonies (
  id          INTEGER PRIMARY KEY,
  secret_hash BLOB    NOT NULL UNIQUE,
  kind        TEXT    NOT NULL CHECK (kind IN ('register', 'sign_in')),
  person_id   INTEGER REFERENCES people (id),
  data        TEXT    NOT NULL,
  expires_at  INTEGER NOT NULL
);

-- A person's account at an organisation's identity provider. People are linked by
-- (issuer, subject), never by e-mail address: addresses get reused.
CREATE TABLE oidc_identities (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES people (id),
  issuer       TEXT    NOT NULL,
  subject      TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  UNIQUE (issuer, subject)
);
CREATE INDEX oidc_identities_person ON oidc_identities (person_id);

-- An authorization-code flow between BeginOidcSignIn and the provider's redirect back.
-- binding_hash is the hash of a cookie only the browser that began the flow holds; state,
-- nonce and the PKCE verifier never leave the server except as the provider needs them.
CREATE TABLE oidc_flows (
  id           INTEGER PRIMARY KEY,
  binding_hash BLOB    NOT NULL UNIQUE,
  provider     TEXT    NOT NULL,
  state        TEXT    NOT NULL,
  nonce        TEXT    NOT NULL,
  verifier     TEXT    NOT NULL,
  invite_hash  BLOB,
  expires_at   INTEGER NOT NULL
);
