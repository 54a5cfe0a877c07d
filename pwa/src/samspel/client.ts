// Clients for the role split's services, and who the signed-in person is in the pair.
// Loaded with the Samspel screens, not with the shell.

import { createClient } from "@connectrpc/connect";
import { transport } from "../api";
import { InstructionService } from "../gen/samspel/v1/instruction_service_pb";
import { OrganizationService } from "../gen/samspel/v1/organization_service_pb";
import { PairService } from "../gen/samspel/v1/pair_service_pb";
import { RoleSplitService } from "../gen/samspel/v1/role_split_service_pb";
import { Role } from "../gen/samspel/v1/role_pb";
import type { MeView } from "../me";

export const roleSplit = createClient(RoleSplitService, transport);
export const instruction = createClient(InstructionService, transport);
export const pair = createClient(PairService, transport);
const organizations = createClient(OrganizationService, transport);

/** Standing is the person's place in the organisation whose role split is shown. */
export interface Standing {
  org: bigint; // 0n when the saved copy of Me is too old to say
  role: Role; // Role.CHAIR or Role.DIRECTOR in the pair, else the first role held
  inPair: boolean;
}

/** standing picks the organisation where the person is in the pair, or else the first. */
export function standing(me: MeView): Standing {
  const inPair = (r: Role) => r === Role.CHAIR || r === Role.DIRECTOR;
  const m = me.memberships.find((m) => m.roles.some((r) => inPair(r.role))) ?? me.memberships[0];
  const role = m?.roles.find((r) => inPair(r.role))?.role ?? m?.roles[0]?.role ?? Role.UNSPECIFIED;
  return { org: BigInt(m?.organizationId || "0"), role, inPair: inPair(role) };
}

let firstOrg: Promise<bigint> | null = null;

/** orgOf is the organisation whose role split is shown: the person's own, or for an
 * administrator, who belongs to none, the installation's first organisation. */
export function orgOf(st: Standing): Promise<bigint> {
  if (st.org !== 0n) return Promise.resolve(st.org);
  firstOrg ??= organizations.listOrganizations({ pageSize: 1 }).then((r) => r.organizations[0]?.id ?? 0n);
  firstOrg.catch(() => (firstOrg = null)); // ask again next time
  return firstOrg;
}
