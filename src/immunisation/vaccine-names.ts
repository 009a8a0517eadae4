/** The names families know the schedule's vaccines by (as NHS pages and the red book write them). */
import type { VaccineCode } from './schedule-data.ts';

/** Short names, for tables and lists. */
export const vaccineNames: Readonly<Record<VaccineCode, string>> = {
  'dtap-ipv-hib-hepb': '6-in-1',
  menb: 'MenB',
  rotavirus: 'Rotavirus',
  pcv: 'Pneumococcal (PCV)',
  'hib-menc': 'Hib/MenC',
  mmr: 'MMR',
  mmrv: 'MMRV',
  'dtap-ipv': '4-in-1 pre-school booster',
  bcg: 'BCG',
  hepb: 'Hepatitis B',
  'flu-nasal': 'Nasal flu',
};
