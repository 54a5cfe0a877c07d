// Clients for quick notes. Loaded with the notes screens and the sync, not with the shell.

import { createClient } from "@connectrpc/connect";
import { transport } from "../api";
import { NoteService } from "../gen/samspel/v1/note_service_pb";
import { PersonService } from "../gen/samspel/v1/person_service_pb";

/** notes is the NoteService client. */
export const notes = createClient(NoteService, transport);

/** people is the PersonService client. */
export const people = createClient(PersonService, transport);
