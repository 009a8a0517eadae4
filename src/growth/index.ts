/**
 * Growth: centiles from the WHO Child Growth Standards (as used by the UK-WHO charts), the chart
 * centile lines, and the NICE NG75 weight-trajectory prompts. Not a medical device: see
 * docs/clinical-safety/intended-use.md.
 */
export * from './centile.ts';
export * from './weight-trajectory.ts';
export * from './chart.ts';
