/**
 * Named, realistic fixtures for the site's NHS components. The component gallery (/design/components)
 * renders each one, and the accessibility suite checks that page, so every component and state is
 * proved accessible even if no content happens to use it yet.
 */
export const careCardFixtures = {
  'emergency-baby-seriously-ill': {
    level: 'emergency',
    heading: 'Call 999 or go to A&E now if your baby:',
    items: ['is struggling to breathe', 'is floppy or hard to wake', 'has a rash that does not fade when you press a glass against it'],
  },
  'urgent-fever-under-3-months': {
    level: 'urgent',
    heading: 'Ask for an urgent GP appointment or call 111 if your baby:',
    items: ['is under 3 months old and has a temperature of 38C or higher'],
  },
  'non-urgent-jaundice-after-2-weeks': {
    level: 'non-urgent',
    heading: 'Speak to your health visitor if:',
    items: ['your baby still looks yellow after 2 weeks'],
  },
} as const;

export const dateInputFixtures = {
  'date-of-birth-empty': { name: 'fixture-birth', legend: "Your baby's date of birth", hint: 'For example, 15 3 2026' },
  'date-of-birth-in-future': {
    name: 'fixture-birth-error',
    legend: "Your baby's date of birth",
    hint: 'For example, 15 3 2026',
    error: 'Date of birth must be today or in the past',
    values: { day: '1', month: '1', year: '2099' },
  },
} as const;

export const errorSummaryFixtures = {
  'feedback-two-problems': {
    errors: [
      { field: 'useful', message: 'Select yes if this page was useful, or no if it was not' },
      { field: 'comment', message: 'Your comment must be 500 characters or fewer' },
    ],
    fieldIds: { useful: 'fixture-useful', comment: 'fixture-comment' },
  },
} as const;

export const paginationFixtures = {
  'middle-of-pregnancy': { previous: { slug: 'pregnancy-week-19', title: '19 weeks pregnant' }, next: { slug: 'pregnancy-week-21', title: '21 weeks pregnant' } },
  'first-stage': { previous: null, next: { slug: 'pregnancy-week-4', title: '4 weeks pregnant' } },
} as const;

export const guidanceListFixtures = {
  'two-guides': [
    { _type: 'article', slug: 'safe-sleep', title: 'Safe sleep for your baby', summary: 'Simple steps that lower the risk of sudden infant death syndrome.' },
    { _type: 'vaccine', slug: 'mmrv-vaccine', title: 'MMRV vaccine', summary: 'Protects against measles, mumps, rubella and chickenpox.' },
  ],
} as const;
