// Clients of the meeting services, on the app's one grpc-web transport.

import { createClient } from "@connectrpc/connect";
import { auth, transport } from "../api";
import { PersonService } from "../gen/samspel/v1/person_service_pb";
import { TermService } from "../gen/samspel/v1/term_service_pb";
import { CalendarService } from "../gen/samspel/v1/calendar_service_pb";
import { DecisionFollowUpService } from "../gen/samspel/v1/decision_follow_up_service_pb";
import { MeetingService } from "../gen/samspel/v1/meeting_service_pb";
import { OppositionService } from "../gen/samspel/v1/opposition_service_pb";
import { ReflectionService } from "../gen/samspel/v1/reflection_service_pb";

export const meetings = createClient(MeetingService, transport);
export const reflections = createClient(ReflectionService, transport);
export const followUp = createClient(DecisionFollowUpService, transport);
export const calendar = createClient(CalendarService, transport);
export const opposition = createClient(OppositionService, transport);

let org: Promise<bigint> | null = null;

/** organizationId is the organisation of the signed-in person's first membership; the
 * saved MeView keeps only names, and these screens need the id. */
export function organizationId(): Promise<bigint> {
  org ??= auth.getMe({}).then((res) => {
    const id = res.me?.memberships[0]?.organization?.id;
    if (id === undefined) throw new Error("no organisation");
    return id;
  });
  org.catch(() => (org = null)); // ask again next time
  return org;
}

export const people = createClient(PersonService, transport);
export const terms = createClient(TermService, transport);
