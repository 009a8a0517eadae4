/**
 * Newborn screening in the red book: blood spot results for each of the 10 conditions, newborn hearing
 * for each ear, the physical examinations at 72 hours and 6 to 8 weeks, and the parent checklists
 * "Can your baby see?" and "Can your baby hear?".
 * Sources (checked 2026-11-25): gov.uk "Newborn blood spot screening" and "Tyrosinaemia screening
 * implemented in England" (14 October 2025); gov.uk "Newborn hearing screening"; gov.uk "Newborn and
 * infant physical examination (NIPE): eyes, heart, hips and testes" (11 August 2025); nhs.uk "Hearing
 * tests for children" and "Eye tests for children" for the signs in the checklists, written in our own
 * words. The checklists' wording is in the hazard log (H24) for clinical review.
 */
import { monthToStartDay } from '../child-age/index.ts';
import { addDays, type IsoDate } from '../dates/index.ts';
import type { FieldError } from '../forms.ts';
import { bloodSpotConditions, listNewbornScreening, type ScreeningItem } from '../screening/index.ts';
import type { ChildDetails } from './child-details.ts';
import type { Entry } from './entries.ts';
import { readEntryDate } from './entry-date.ts';
import { dateToFormValues, readByAndNotes } from './entry-fields.ts';

/** The screening tests and checklists an entry can hold. */
export type ScreeningTest = ScreeningItem['code'] | 'can-your-baby-see' | 'can-your-baby-hear';

/** The code of one blood spot condition. */
export type BloodSpotCondition = (typeof bloodSpotConditions)[number]['code'];

/** A blood spot result for one condition. Carrier results are only given for sickle cell disease and cystic fibrosis. */
export type BloodSpotResult = 'not-suspected' | 'suspected' | 'carrier' | 'repeat' | 'declined' | 'not-known';

/** How each blood spot result reads. */
export const bloodSpotResultLabels: Readonly<Record<BloodSpotResult, string>> = {
  'not-suspected': 'Condition not suspected',
  suspected: 'Condition suspected: referred for more tests',
  carrier: 'Carrier',
  repeat: 'Repeat test needed',
  declined: 'Declined',
  'not-known': 'Not known yet',
};

/** The conditions that can have a carrier result. */
export const carrierConditions: readonly BloodSpotCondition[] = ['scd', 'cf'];

/** A hearing result for one ear. */
export type HearingResult = 'clear-response' | 'no-clear-response' | 'not-known';

/** How each hearing result reads. */
export const hearingResultLabels: Readonly<Record<HearingResult, string>> = {
  'clear-response': 'Clear response',
  'no-clear-response': 'No clear response',
  'not-known': 'Not known',
};

/** What happened after hearing screening. */
export type HearingFollowUp = 'none' | 'repeat-screen' | 'audiology' | 'not-known';

/** How each hearing follow-up reads. */
export const hearingFollowUpLabels: Readonly<Record<HearingFollowUp, string>> = {
  none: 'None needed',
  'repeat-screen': 'Another screening test',
  audiology: 'Referred to a hearing specialist (audiology)',
  'not-known': 'Not known',
};

/** A finding of the physical examination for one part. */
export type ExaminationResult = 'no-concerns' | 'referred' | 'not-known';

/** How each examination finding reads. */
export const examinationResultLabels: Readonly<Record<ExaminationResult, string>> = {
  'no-concerns': 'No concerns found',
  referred: 'Referred for more checks',
  'not-known': 'Not known',
};

/** The parts the physical examination checks; testes for boys only. */
export const examinationParts = [
  { code: 'eyes', name: 'Eyes' },
  { code: 'heart', name: 'Heart' },
  { code: 'hips', name: 'Hips' },
  { code: 'testes', name: 'Testes' },
] as const;

/** An answer in a parent checklist. */
export type ChecklistAnswer = 'yes' | 'no' | 'not-sure';

/** How each checklist answer reads. */
export const checklistAnswerLabels: Readonly<Record<ChecklistAnswer, string>> = { yes: 'Yes', no: 'No', 'not-sure': 'Not sure' };

/** One question of a parent checklist, the age it applies from, and which answer means "talk to someone". */
export interface ChecklistQuestion {
  readonly code: string;
  readonly from: string;
  /** The age in days from which the answer can mean "talk to someone": a 3-week-old not yet turning to a voice is not a concern. */
  readonly fromDay: number;
  readonly question: string;
  readonly concernIf: 'no' | 'yes';
}

/** The red book's parent checklists, in our words. */
export const checklists: Readonly<Record<'can-your-baby-see' | 'can-your-baby-hear', { readonly title: string; readonly questions: readonly ChecklistQuestion[] }>> = {
  'can-your-baby-see': {
    title: 'Can your baby see?',
    questions: [
      { code: 'follows-faces', from: 'By 6 weeks', fromDay: 42, question: 'Does your baby look at your face and follow it with their eyes?', concernIf: 'no' },
      { code: 'white-patch', from: 'At any age', fromDay: 0, question: 'Have you ever seen a white or cloudy patch in the middle of your baby’s eye, in person or in a photo?', concernIf: 'yes' },
      { code: 'eyes-straight', from: 'From 3 months', fromDay: monthToStartDay(3), question: 'Do both eyes look in the same direction?', concernIf: 'no' },
      { code: 'eyes-steady', from: 'At any age', fromDay: 0, question: 'Are your baby’s eyes steady, without wobbling or flickering from side to side?', concernIf: 'no' },
      { code: 'family-eye-problems', from: 'At any age', fromDay: 0, question: 'Did anyone in your baby’s close family have a squint, a lazy eye or a serious eye problem as a child?', concernIf: 'yes' },
    ],
  },
  'can-your-baby-hear': {
    title: 'Can your baby hear?',
    questions: [
      { code: 'startles', from: 'Shortly after birth', fromDay: 0, question: 'Does your baby jump or blink at a sudden loud noise, like a door banging?', concernIf: 'no' },
      { code: 'pauses', from: 'By 1 month', fromDay: monthToStartDay(1), question: 'Does your baby go still or pause when they hear a long sound, like a vacuum cleaner?', concernIf: 'no' },
      { code: 'quietens-to-voice', from: 'By 4 months', fromDay: monthToStartDay(4), question: 'Does your baby go quiet or smile at your voice when they cannot see you?', concernIf: 'no' },
      { code: 'turns-to-voice', from: 'By 7 months', fromDay: monthToStartDay(7), question: 'Does your baby turn straight away to your voice from across the room, or to quiet sounds on either side?', concernIf: 'no' },
      { code: 'looks-for-sounds', from: 'By 9 months', fromDay: monthToStartDay(9), question: 'Does your baby listen to everyday sounds and look for quiet sounds they cannot see?', concernIf: 'no' },
      { code: 'knows-name', from: 'By 12 months', fromDay: monthToStartDay(12), question: 'Does your baby respond to their name and to a few familiar words, like “no” and “bye-bye”?', concernIf: 'no' },
    ],
  },
};

/** What each test or checklist is called. */
export const screeningTestNames: Readonly<Record<ScreeningTest, string>> = {
  'nipe-72-hours': 'Physical examination within 72 hours',
  'blood-spot': 'Blood spot (heel prick) test',
  'blood-spot-cht-repeat': 'Repeat blood spot test for congenital hypothyroidism',
  hearing: 'Newborn hearing screening',
  'nipe-6-to-8-weeks': 'Physical examination at 6 to 8 weeks',
  'can-your-baby-see': checklists['can-your-baby-see'].title,
  'can-your-baby-hear': checklists['can-your-baby-hear'].title,
};

/** A screening entry's own fields; which are present depends on `test`. */
export interface ScreeningData {
  readonly test: ScreeningTest;
  /** Blood spot: a result per condition (the CHT repeat holds only `cht`). */
  readonly bloodSpot?: Partial<Record<BloodSpotCondition, BloodSpotResult>>;
  readonly hearing?: { readonly left: HearingResult; readonly right: HearingResult; readonly followUp: HearingFollowUp };
  /** Physical examination: a finding per part; testes is null for girls. */
  readonly examination?: Readonly<Record<(typeof examinationParts)[number]['code'], ExaminationResult | null>>;
  /** A checklist's answers by question code; unanswered questions are left out. */
  readonly answers?: Readonly<Record<string, ChecklistAnswer>>;
  readonly by: string | null;
  readonly notes: string | null;
}

const tests = Object.keys(screeningTestNames) as ScreeningTest[];

/** Reads the test named in a form or query ("blood-spot"), or null. */
export function readScreeningTest(raw: string | null | undefined): ScreeningTest | null {
  return tests.find((test) => test === raw) ?? null;
}

function pick<Value extends string>(raw: string | null | undefined, allowed: Readonly<Record<Value, string>>): Value | null {
  return (Object.keys(allowed) as Value[]).find((value) => value === raw) ?? null;
}

/** Checks a screening form for `test` against the child's details and `today`. */
export function checkScreening(
  input: Readonly<Record<string, string | null | undefined>>,
  child: ChildDetails,
  today: IsoDate,
): { readonly ok: true; readonly occurredOn: IsoDate; readonly data: ScreeningData } | { readonly ok: false; readonly errors: readonly FieldError[] } {
  const errors: FieldError[] = [];
  const test = readScreeningTest(input.test);
  if (!test) return { ok: false, errors: [{ field: 'test', message: 'Select which screening test this is' }] };
  const isChecklist = test === 'can-your-baby-see' || test === 'can-your-baby-hear';
  const date = readEntryDate(input, 'doneOn', isChecklist ? 'you answered' : 'it was done', child.dateOfBirth, today);
  if (!date.ok) errors.push({ field: 'doneOn', message: date.message });
  const { by, notes } = readByAndNotes(input, errors);
  let data: ScreeningData = { test, by, notes };

  if (test === 'blood-spot' || test === 'blood-spot-cht-repeat') {
    const conditions = test === 'blood-spot' ? bloodSpotConditions : bloodSpotConditions.filter((condition) => condition.code === 'cht');
    const results: Partial<Record<BloodSpotCondition, BloodSpotResult>> = {};
    for (const condition of conditions) {
      const result = pick(input[`bloodSpot-${condition.code}`], bloodSpotResultLabels);
      if (!result) errors.push({ field: `bloodSpot-${condition.code}`, message: `Select the result for ${condition.name}` });
      else if (result === 'carrier' && !carrierConditions.includes(condition.code)) errors.push({ field: `bloodSpot-${condition.code}`, message: `Carrier is not a result for ${condition.name}. Select another result` });
      else results[condition.code] = result;
    }
    data = { ...data, bloodSpot: results };
  } else if (test === 'hearing') {
    const left = pick(input['hearing-left'], hearingResultLabels);
    const right = pick(input['hearing-right'], hearingResultLabels);
    const followUp = pick(input['hearing-followUp'], hearingFollowUpLabels);
    if (!left) errors.push({ field: 'hearing-left', message: 'Select the result for the left ear' });
    if (!right) errors.push({ field: 'hearing-right', message: 'Select the result for the right ear' });
    if (!followUp) errors.push({ field: 'hearing-followUp', message: 'Select what happened next' });
    if (left && right && followUp) data = { ...data, hearing: { left, right, followUp } };
  } else if (test === 'nipe-72-hours' || test === 'nipe-6-to-8-weeks') {
    const examination: Record<string, ExaminationResult | null> = {};
    for (const part of examinationParts) {
      if (part.code === 'testes' && child.sex === 'female') {
        examination[part.code] = null;
        continue;
      }
      const result = pick(input[`examination-${part.code}`], examinationResultLabels);
      if (!result) errors.push({ field: `examination-${part.code}`, message: `Select the finding for ${part.name.toLowerCase()}` });
      examination[part.code] = result;
    }
    data = { ...data, examination: examination as ScreeningData['examination'] };
  } else {
    const answers: Record<string, ChecklistAnswer> = {};
    for (const question of checklists[test].questions) {
      const answer = pick(input[`answer-${question.code}`], checklistAnswerLabels);
      if (answer) answers[question.code] = answer;
    }
    if (Object.keys(answers).length === 0) errors.push({ field: `answer-${checklists[test].questions[0]?.code ?? ''}`, message: 'Answer at least one question' });
    data = { ...data, answers };
  }
  if (errors.length > 0 || !date.ok) return { ok: false, errors };
  return { ok: true, occurredOn: date.date, data };
}

/** A stored screening entry's fields as form values, for changing it. */
export function screeningToFormValues(entry: Entry): Record<string, string> {
  const data = entry.data as unknown as ScreeningData;
  const values: Record<string, string> = { test: data.test, by: data.by ?? '', notes: data.notes ?? '', ...dateToFormValues('doneOn', entry.occurredOn) };
  for (const [code, result] of Object.entries(data.bloodSpot ?? {})) values[`bloodSpot-${code}`] = result;
  if (data.hearing) Object.assign(values, { 'hearing-left': data.hearing.left, 'hearing-right': data.hearing.right, 'hearing-followUp': data.hearing.followUp });
  for (const [code, result] of Object.entries(data.examination ?? {})) if (result) values[`examination-${code}`] = result;
  for (const [code, answer] of Object.entries(data.answers ?? {})) values[`answer-${code}`] = answer;
  return values;
}

/**
 * The checklist questions whose answers mean "talk to your health visitor or GP": a "no" (or, for family
 * history, a "yes"), or "not sure", to a question that applies at the baby's age when answered. Without an
 * age, every question counts.
 */
export function listChecklistConcerns(data: ScreeningData, ageInDays: number | null = null): ChecklistQuestion[] {
  if (!data.answers || (data.test !== 'can-your-baby-see' && data.test !== 'can-your-baby-hear')) return [];
  return checklists[data.test].questions.filter((question) => {
    const answer = data.answers?.[question.code];
    return (ageInDays === null || ageInDays >= question.fromDay) && (answer === 'not-sure' || answer === question.concernIf);
  });
}

/** One line per result, as the red book and the summary show a screening entry; `detailed` lists every checklist answer. */
export function describeScreening(data: ScreeningData, sex: ChildDetails['sex'], detailed = false, ageInDays: number | null = null): string[] {
  if (data.bloodSpot) {
    // In the conditions' own order: stored JSON does not keep the order of its keys.
    const results = bloodSpotConditions.flatMap((condition) => (data.bloodSpot?.[condition.code] ? [[condition, data.bloodSpot[condition.code] as BloodSpotResult] as const] : []));
    const notable = results.filter(([, result]) => result !== 'not-suspected');
    const capitalise = (text: string) => `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
    if (notable.length === 0) return [results.length > 1 ? 'No condition suspected.' : 'Condition not suspected.'];
    const lines = notable.map(([condition, result]) => `${capitalise(condition.name)}: ${bloodSpotResultLabels[result].toLowerCase()}.`);
    if (notable.length < results.length) lines.push('Every other condition: not suspected.');
    return lines;
  }
  if (data.hearing) {
    return [`Left ear: ${hearingResultLabels[data.hearing.left].toLowerCase()}.`, `Right ear: ${hearingResultLabels[data.hearing.right].toLowerCase()}.`, `Next: ${hearingFollowUpLabels[data.hearing.followUp].toLowerCase()}.`];
  }
  if (data.examination) {
    return examinationParts
      .filter((part) => !(part.code === 'testes' && sex === 'female'))
      .map((part) => {
        const result = data.examination?.[part.code];
        return `${part.name}: ${result ? examinationResultLabels[result].toLowerCase() : 'not recorded'}.`;
      });
  }
  if (data.answers && (data.test === 'can-your-baby-see' || data.test === 'can-your-baby-hear')) {
    const questions = checklists[data.test].questions;
    const concerns = listChecklistConcerns(data, ageInDays);
    const answered = questions.filter((question) => data.answers?.[question.code]).length;
    const answers = detailed ? questions.flatMap((question) => (data.answers?.[question.code] ? [`${question.question} ${checklistAnswerLabels[data.answers[question.code] as ChecklistAnswer]}.`] : [])) : [];
    return [
      ...answers,
      `${answered} of ${questions.length} questions answered.`,
      concerns.length === 0 ? 'No answers that need a check.' : `${concerns.length} ${concerns.length === 1 ? 'answer needs' : 'answers need'} a check with a health visitor or GP.`,
    ];
  }
  return [];
}

/** Whether a checklist entry (answered at `ageInDays`) has an answer that means the family should talk to their health visitor or GP. */
export function hasChecklistConcern(data: ScreeningData, ageInDays: number | null = null): boolean {
  return listChecklistConcerns(data, ageInDays).length > 0;
}

/** A newborn screening test with its window as dates and the latest entry recorded for it. */
export interface ScreeningStatus extends ScreeningItem {
  readonly expectedFrom: IsoDate;
  readonly expectedBy: IsoDate;
  readonly status: 'recorded' | 'not yet due' | 'due' | 'not recorded';
  readonly latest: Entry | null;
  /** Every entry for this test, oldest first (a repeat test, or a result entered twice). */
  readonly recorded: readonly Entry[];
}

/** Lines up the screening this baby should have with what has been recorded, on `today`. */
export function assessScreening(child: ChildDetails, screeningEntries: readonly Entry[], today: IsoDate): ScreeningStatus[] {
  return listNewbornScreening(child.gestationAtBirth.weeks).map((item) => {
    const expectedFrom = addDays(child.dateOfBirth, item.fromDay);
    const expectedBy = addDays(child.dateOfBirth, item.toDay);
    const recorded = screeningEntries.filter((entry) => (entry.data as unknown as ScreeningData).test === item.code);
    const latest = recorded.at(-1) ?? null;
    const status = latest ? 'recorded' : today < expectedFrom ? 'not yet due' : today <= expectedBy ? 'due' : 'not recorded';
    return { ...item, expectedFrom, expectedBy, status, latest, recorded };
  });
}
