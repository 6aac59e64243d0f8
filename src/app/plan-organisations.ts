// Use cases of the system's organisations and people: the ICB, its places, PCNs and practices from the
// loaded map, and the organisations users add (LMC, federations, trusts, local authorities, HWB, VCSE,
// Healthwatch, PPGs); people with their organisation, staff group and workflow role.
import {
  DATA_ORGANISATION_KINDS,
  ORGANISATION_KINDS,
  PLAN_ROLES,
  PlanRequestError,
  STAFF_GROUPS,
  type Organisation,
  type OrganisationKind,
  type Person,
  type PlanRole,
  type StaffGroup,
} from "../model/plan.ts";
import { findIcb } from "../engines/overview/overview.ts";
import { addOrganisation, addPerson, listOrganisations, listPeople } from "../store/repositories/plans.ts";
import type { Store } from "../store/store.ts";
import { readPicture } from "./picture.ts";

export interface OrganisationsRequest {
  synthetic: boolean;
  /** An ICB by ODS code, ONS code or part of its name. */
  icb: string;
  /** The picture of this date (a plan's footprint map: an ICB as it was); default the newest. */
  date?: string | undefined;
}

/** The organisations of an ICB: from the data (ICB, places, PCNs, practices) and added by users. */
export async function systemOrganisations(
  store: Store,
  request: OrganisationsRequest,
): Promise<Organisation[]> {
  const picture = await readPicture(store, { synthetic: request.synthetic, date: request.date });
  const icb = findIcb(picture.practices, request.icb);
  const practices = picture.practices.filter((p) => p.icb.code === icb.code);
  const people = await listPeople(store.db);
  const directors = new Map(
    people
      .filter((p) => p.staffGroup === "pcn-clinical-director" && p.organisationKey)
      .map((p) => [p.organisationKey!, p.name]),
  );
  const out: Organisation[] = [
    {
      key: `icb:${icb.code}`,
      kind: "icb",
      name: icb.name,
      code: icb.code,
      icbCode: icb.code,
      parentKey: null,
      clinicalDirector: null,
      fromData: true,
    },
  ];
  const places = new Map(practices.map((p) => [p.subIcb.code, p.subIcb]));
  for (const place of places.values())
    out.push({
      key: `place:${place.code}`,
      kind: "place",
      name: place.name,
      code: place.code,
      icbCode: icb.code,
      parentKey: `icb:${icb.code}`,
      clinicalDirector: null,
      fromData: true,
    });
  const pcns = new Map<string, { name: string; place: string }>();
  for (const p of practices)
    if (p.pcnCode !== "U") pcns.set(p.pcnCode, { name: p.pcnName, place: p.subIcb.code });
  for (const [code, pcn] of pcns)
    out.push({
      key: `pcn:${code}`,
      kind: "pcn",
      name: pcn.name,
      code,
      icbCode: icb.code,
      parentKey: `place:${pcn.place}`,
      clinicalDirector: directors.get(`pcn:${code}`) ?? null,
      fromData: true,
    });
  for (const p of practices)
    out.push({
      key: `practice:${p.code}`,
      kind: "practice",
      name: p.name,
      code: p.code,
      icbCode: icb.code,
      parentKey: p.pcnCode === "U" ? `place:${p.subIcb.code}` : `pcn:${p.pcnCode}`,
      clinicalDirector: null,
      fromData: true,
    });
  out.push(...(await listOrganisations(store.db, icb.code)));
  return out;
}

export function checkOrganisationKind(kind: string): OrganisationKind {
  if (!Object.hasOwn(ORGANISATION_KINDS, kind))
    throw new PlanRequestError(
      `unknown organisation kind '${kind}' (expected ${Object.keys(ORGANISATION_KINDS).join(", ")})`,
      { field: "kind" },
    );
  if ((DATA_ORGANISATION_KINDS as readonly string[]).includes(kind))
    throw new PlanRequestError(
      `${ORGANISATION_KINDS[kind as OrganisationKind]}s come from the loaded data; they are not added by hand`,
      { field: "kind" },
    );
  return kind as OrganisationKind;
}

export interface AddOrganisationRequest {
  kind: string;
  name: string;
  code?: string;
  icb: string;
  synthetic: boolean;
}

export async function addSystemOrganisation(
  store: Store,
  request: AddOrganisationRequest,
): Promise<Organisation> {
  const kind = checkOrganisationKind(request.kind);
  const name = request.name.trim();
  if (name === "") throw new PlanRequestError("name must not be empty", { field: "name" });
  const picture = await readPicture(store, { synthetic: request.synthetic });
  const icb = findIcb(picture.practices, request.icb);
  return addOrganisation(store.db, {
    kind,
    name,
    code: request.code?.trim() || null,
    icbCode: icb.code,
    parentKey: `icb:${icb.code}`,
  });
}

export function checkStaffGroup(group: string): StaffGroup {
  if (!Object.hasOwn(STAFF_GROUPS, group))
    throw new PlanRequestError(
      `unknown staff group '${group}' (expected ${Object.keys(STAFF_GROUPS).join(", ")})`,
      { field: "staff-group" },
    );
  return group as StaffGroup;
}

export function checkRole(role: string): PlanRole {
  if (!Object.hasOwn(PLAN_ROLES, role))
    throw new PlanRequestError(`unknown role '${role}' (expected ${Object.keys(PLAN_ROLES).join(", ")})`, {
      field: "role",
    });
  return role as PlanRole;
}

export interface AddPersonRequest {
  name: string;
  organisation?: string;
  staffGroup: string;
  role?: string;
}

export async function addSystemPerson(store: Store, request: AddPersonRequest): Promise<Person> {
  const name = request.name.trim();
  if (name === "") throw new PlanRequestError("name must not be empty", { field: "name" });
  const organisationKey = request.organisation?.trim() || null;
  if (organisationKey !== null && !/^(icb|place|pcn|practice|org):\S+$/.test(organisationKey))
    throw new PlanRequestError(
      `organisation must be a key such as pcn:U99001 or org:3; found '${organisationKey}'`,
      { field: "organisation" },
    );
  return addPerson(store.db, {
    name,
    organisationKey,
    staffGroup: checkStaffGroup(request.staffGroup),
    role: request.role === undefined ? null : checkRole(request.role),
  });
}

export const systemPeople = (store: Store): Promise<Person[]> => listPeople(store.db);
