/**
 * The codes that link `vaccine` content to the immunisation engine. The schedule's own codes come
 * first; the pregnancy vaccines have codes of their own because the child schedule does not plan them.
 */
import type { VaccineCode } from '../immunisation/index.ts';

/** Codes of the vaccines offered in pregnancy. */
export type PregnancyVaccineCode = 'pertussis-pregnancy' | 'rsv-pregnancy' | 'flu-pregnancy';

const scheduleCodes: readonly VaccineCode[] = ['dtap-ipv-hib-hepb', 'menb', 'rotavirus', 'pcv', 'hib-menc', 'mmr', 'mmrv', 'dtap-ipv', 'bcg', 'hepb', 'flu-nasal'];

/** Every code a vaccine page may carry. */
export const vaccineContentCodes: readonly (VaccineCode | PregnancyVaccineCode)[] = [...scheduleCodes, 'pertussis-pregnancy', 'rsv-pregnancy', 'flu-pregnancy'];
